"""French and Spanish names of the instruments, as letters in those languages write them.

Official titles (and the short forms letters use); matched like the English names, with
accents, case and spacing ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

NAMES_FR_ES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "CRC": (
            "Convention relative aux droits de l'enfant",
            "Convention internationale des droits de l'enfant",
            "Convención sobre los Derechos del Niño",
        ),
        "OPSC": (
            "Protocole facultatif à la Convention relative aux droits de l'enfant, concernant la vente "
            "d'enfants, la prostitution des enfants et la pornographie mettant en scène des enfants",
            "Protocole facultatif concernant la vente d'enfants, la prostitution des enfants et la "
            "pornographie mettant en scène des enfants",
            "Protocolo Facultativo de la Convención sobre los Derechos del Niño relativo a la venta de "
            "niños, la prostitución infantil y la utilización de niños en la pornografía",
            "Protocolo Facultativo relativo a la venta de niños, la prostitución infantil y la "
            "utilización de niños en la pornografía",
        ),
        "OPAC": (
            "Protocole facultatif à la Convention relative aux droits de l'enfant, concernant "
            "l'implication d'enfants dans les conflits armés",
            "Protocolo Facultativo de la Convención sobre los Derechos del Niño relativo a la "
            "participación de niños en los conflictos armados",
        ),
        "ICCPR": (
            "Pacte international relatif aux droits civils et politiques",
            "Pacto Internacional de Derechos Civiles y Políticos",
        ),
        "ICESCR": (
            "Pacte international relatif aux droits économiques, sociaux et culturels",
            "Pacto Internacional de Derechos Económicos, Sociales y Culturales",
        ),
        "CEDAW": (
            "Convention sur l'élimination de toutes les formes de discrimination à l'égard des femmes",
            "Convención sobre la eliminación de todas las formas de discriminación contra la mujer",
        ),
        "ICERD": (
            "Convention internationale sur l'élimination de toutes les formes de discrimination raciale",
            "Convención Internacional sobre la Eliminación de todas las Formas de Discriminación Racial",
        ),
        "CAT": (
            "Convention contre la torture et autres peines ou traitements cruels, inhumains ou dégradants",
            "Convención contra la Tortura y Otros Tratos o Penas Crueles, Inhumanos o Degradantes",
        ),
        "CRPD": (
            "Convention relative aux droits des personnes handicapées",
            "Convención sobre los derechos de las personas con discapacidad",
        ),
        "UNTOC": (
            "Convention des Nations Unies contre la criminalité transnationale organisée",
            "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
        ),
        "TRAFFICKING-PROTOCOL": (
            "Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des "
            "femmes et des enfants",
            "Protocole de Palerme",
            "Protocolo para prevenir, reprimir y sancionar la trata de personas, especialmente mujeres y niños",
            "Protocolo de Palermo",
        ),
        "ILO-C182": (
            "Convention sur les pires formes de travail des enfants, 1999 (n° 182)",
            "Convention (n° 182) sur les pires formes de travail des enfants",
            "Convenio sobre las peores formas de trabajo infantil, 1999 (núm. 182)",
            "Convenio núm. 182 de la OIT",
        ),
        "ILO-C138": (
            "Convention sur l'âge minimum, 1973 (n° 138)",
            "Convenio sobre la edad mínima, 1973 (núm. 138)",
        ),
        "UNGP": (
            "Principes directeurs relatifs aux entreprises et aux droits de l'homme",
            "Principios Rectores sobre las Empresas y los Derechos Humanos",
        ),
        "DEVAW": (
            "Déclaration sur l'élimination de la violence à l'égard des femmes",
            "Declaración sobre la eliminación de la violencia contra la mujer",
        ),
        "UDHR": (
            "Déclaration universelle des droits de l'homme",
            "Declaración Universal de Derechos Humanos",
        ),
    }
)
