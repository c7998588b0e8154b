"""Letters in Spanish and French extract like English ones.

The letters below are fictional test documents written for these tests: they carry the
genre's structure (opening mandates, reference, date, annex with ratification statements
and citations) around neutral placeholder text and allege nothing about anyone.
"""

from __future__ import annotations

from rightsgraph.loaders.contract import to_contract
from rightsgraph.loaders.pipeline import load_bytes

SPANISH_LETTER = """\
[Documento ficticio de prueba: no describe hechos reales]

Mandatos de la Relatora Especial sobre la venta, la explotación sexual y el abuso sexual de niños; y del Grupo de Trabajo sobre la cuestión de los derechos humanos y las empresas transnacionales y otras empresas

REFERENCIA:
AL MEX 99/2030

30 de marzo de 2030

Excelencia:

Tenemos el honor de dirigirnos a usted en nuestra calidad de Relatora Especial sobre la venta, la explotación sexual y el abuso sexual de niños; y Grupo de Trabajo sobre la cuestión de los derechos humanos y las empresas transnacionales y otras empresas, de conformidad con las resoluciones 52/26 y 53/3 del Consejo de Derechos Humanos.

Texto de ejemplo sin alegaciones, que solo sirve para comprobar la estructura del documento.

Quisiéramos solicitar su respuesta sobre los siguientes asuntos:

1. Sírvase proporcionar información de ejemplo.
2. Sírvase indicar las medidas de ejemplo.

Agradeceríamos recibir una respuesta en un plazo de 60 días.

Se ha enviado una carta con el mismo contenido a los Gobiernos de Guatemala y España.

Acepte, Excelencia, la expresión de nuestra más distinguida consideración.

Ana Ejemplo Ficticia
Relatora Especial sobre la venta, la explotación sexual y el abuso sexual de niños

Anexo

Quisiéramos señalar el artículo 34 de la Convención sobre los Derechos del Niño, ratificada por México el 21 de septiembre de 1990, así como los artículos 2 y 3 del Protocolo Facultativo de la Convención sobre los Derechos del Niño relativo a la venta de niños, la prostitución infantil y la utilización de niños en la pornografía, ratificado por el Gobierno de su Excelencia el 15 de marzo de 2002. Recordamos también los Principios Rectores 11 a 13.
"""

FRENCH_LETTER = """\
[Document fictif de test : ne décrit aucun fait réel]

Mandats de la Rapporteuse spéciale sur la vente, l'exploitation sexuelle et les abus sexuels d'enfants

RÉFÉRENCE :
AL FRA 98/2030

le 2 mars 2030

Excellence,

Nous avons l'honneur de nous adresser à vous en notre qualité de Rapporteuse spéciale sur la vente, l'exploitation sexuelle et les abus sexuels d'enfants, conformément aux résolutions 52/26 du Conseil des droits de l'homme.

Texte d'exemple sans allégation, qui sert seulement à vérifier la structure du document.

Veuillez agréer, Excellence, l'assurance de notre haute considération.

Jeanne Exemple Fictive
Rapporteuse spéciale sur la vente, l'exploitation sexuelle et les abus sexuels d'enfants

Annexe

Nous souhaitons rappeler l'article 34 de la Convention relative aux droits de l'enfant, ratifiée par la France le 7 août 1990, et l'article 24 (1) du Pacte international relatif aux droits civils et politiques, auquel votre Gouvernement a adhéré le 4 novembre 1980.
"""


def _extract(text: str, name: str) -> dict:
    return to_contract(load_bytes(text.encode("utf-8"), name))


def test_spanish_letter() -> None:
    result = _extract(SPANISH_LETTER, "carta.txt")
    assert result["kind"] == "communication"
    assert result["reference"] == "AL MEX 99/2030"
    assert result["date"] == "2030-03-30"
    assert result["addressee"] == {"kind": "state", "state": "MEX"}
    assert result["mandates"] == ["sale-of-children", "business-and-human-rights"]
    assert result["hrc_resolutions"] == ["52/26", "53/3"]
    assert result["also_sent_to"] == ["GTM", "ESP"]
    assert [s["name"] for s in result["signatories"]] == ["Ana Ejemplo Ficticia"]
    ratifications = {(r["state"], r["instrument"], r["date"], r["kind"]) for r in result["ratifications"]}
    assert ratifications == {("MEX", "CRC", "1990-09-21", "ratification"), ("MEX", "OPSC", "2002-03-15", "ratification")}
    cited = {(c["instrument"], c["provision"]) for c in result["cited_provisions"]}
    assert cited == {("CRC", "34"), ("OPSC", "2"), ("OPSC", "3"), ("UNGP", "11"), ("UNGP", "12"), ("UNGP", "13")}


def test_french_letter() -> None:
    result = _extract(FRENCH_LETTER, "lettre.txt")
    assert (result["kind"], result["reference"], result["date"]) == ("communication", "AL FRA 98/2030", "2030-03-02")
    assert result["mandates"] == ["sale-of-children"]
    assert result["hrc_resolutions"] == ["52/26"]
    assert [s["name"] for s in result["signatories"]] == ["Jeanne Exemple Fictive"]
    ratifications = {(r["state"], r["instrument"], r["date"], r["kind"]) for r in result["ratifications"]}
    assert ratifications == {("FRA", "CRC", "1990-08-07", "ratification"), ("FRA", "ICCPR", "1980-11-04", "accession")}
    cited = {(c["instrument"], c["provision"], c["sub"]) for c in result["cited_provisions"]}
    assert cited == {("CRC", "34", None), ("ICCPR", "24", "1")}
