#!/usr/bin/env bash
# Virtuoso Open Source 7 as rightsgraph's remote SPARQL engine, for tests and benchmarks.
#
#   scripts/virtuoso.sh install      apt-get the server binary only (not the metapackage,
#                                    whose system service listens on all interfaces)
#   scripts/virtuoso.sh start DIR    a scratch server in DIR: SQL and HTTP on 127.0.0.1 only,
#                                    free ports, small memory; prints the variables to export
#   scripts/virtuoso.sh stop DIR     stop the server started in DIR
#
# The SPARQL user (anonymous /sparql and /sparql-graph-crud) gets update rights: the server
# is a throwaway bound to loopback, for tests that DROP ALL in it. Do not point it at data
# you care about.
set -euo pipefail

VIRTUOSO_BIN=${VIRTUOSO_BIN:-$(command -v virtuoso-t || echo /usr/bin/virtuoso-t)}
ISQL_BIN=${ISQL_BIN:-$(command -v isql-vt || echo /usr/bin/isql-vt)}

usage() {
    echo "usage: $0 install | start DIR | stop DIR" >&2
    exit 2
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

write_ini() {
    local dir=$1 sql_port=$2 http_port=$3
    cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:$sql_port
ServerThreads      = 10
CheckpointInterval = 60
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
DirsAllowed        = ., $dir
MaxQueryMem        = 500M

[HTTPServer]
ServerPort           = 127.0.0.1:$http_port
ServerRoot           = $dir
ServerThreads        = 10
MaxClientConnections = 10
EnabledDavVSP        = 0
HTTPProxyEnabled     = 0

[SPARQL]
ResultSetMaxRows       = 1000000
MaxQueryExecutionTime  = 120
MaxQueryCostEstimationTime = 0
DefaultQuery           = SELECT * WHERE { ?s ?p ?o } LIMIT 10
EOF
}

wait_for_sparql() {
    local url=$1
    for _ in $(seq 1 120); do
        if curl -fs -o /dev/null --max-time 2 "$url?query=ASK%7B%7D"; then
            return 0
        fi
        sleep 0.5
    done
    echo "virtuoso: $url did not answer; see the log" >&2
    return 1
}

start() {
    local dir
    dir=$(mkdir -p "$1" && cd "$1" && pwd)
    if [[ -f "$dir/virtuoso.pid" ]] && kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
        echo "virtuoso: already running in $dir (pid $(cat "$dir/virtuoso.pid"))" >&2
        exit 1
    fi
    local sql_port http_port
    sql_port=$(free_port)
    http_port=$(free_port)
    write_ini "$dir" "$sql_port" "$http_port"
    # exec: the server replaces the subshell, so nothing is left holding the caller's stdout
    # (a caller reading `$(virtuoso.sh start DIR)` would otherwise wait for ever).
    (cd "$dir" && exec "$VIRTUOSO_BIN" +foreground +configfile "$dir/virtuoso.ini" \
        </dev/null >"$dir/virtuoso.out" 2>&1) &
    echo $! >"$dir/virtuoso.pid"
    echo "$sql_port" >"$dir/sql.port"
    echo "$http_port" >"$dir/http.port"
    local base="http://127.0.0.1:$http_port"
    wait_for_sparql "$base/sparql" || { tail -20 "$dir/virtuoso.log" >&2 || true; exit 1; }
    "$ISQL_BIN" "127.0.0.1:$sql_port" dba dba >"$dir/grants.out" 2>&1 <<'EOF'
GRANT SPARQL_UPDATE TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARUL_CLEAR TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARUL_DROP TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARUL_RUN TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_MT TO "SPARQL";
-- Virtuoso's own graphs (quad-map metadata, LDP, URIQA) would show in every GRAPH ?g and in
-- the union default graph: make them private, the others readable and writable by anyone.
DB.DBA.RDF_GRAPH_GROUP_CREATE ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 1);
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.openlinksw.com/schemas/virtrdf#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://www.w3.org/ns/ldp#');
DB.DBA.RDF_GRAPH_GROUP_INS ('http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs', 'http://localuriqaserver/sparql');
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 15, 0);
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);
EOF
    if grep -q "Error" "$dir/grants.out"; then
        cat "$dir/grants.out" >&2
        exit 1
    fi
    cat <<EOF
export RIGHTSGRAPH_TEST_SPARQL_URL=$base/sparql
export RIGHTSGRAPH_TEST_SPARQL_UPDATE_URL=$base/sparql
export RIGHTSGRAPH_TEST_GSP_URL=$base/sparql-graph-crud
export RIGHTSGRAPH_TEST_SPARQL_ENGINE=virtuoso
# rightsgraph --store / RIGHTSGRAPH_STORE form:
export RIGHTSGRAPH_VIRTUOSO_STORE='$base/sparql#update=/sparql&gsp=/sparql-graph-crud'
EOF
}

stop() {
    local dir=$1
    [[ -f "$dir/virtuoso.pid" ]] || { echo "virtuoso: nothing started in $dir" >&2; exit 1; }
    local pid
    pid=$(cat "$dir/virtuoso.pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 60); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
    fi
    rm -f "$dir/virtuoso.pid"
}

case "${1:-}" in
    install)
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends virtuoso-opensource-7-bin
        "$VIRTUOSO_BIN" +help 2>&1 | sed -n 2p
        ;;
    start) [[ $# -eq 2 ]] || usage; start "$2" ;;
    stop) [[ $# -eq 2 ]] || usage; stop "$2" ;;
    *) usage ;;
esac
