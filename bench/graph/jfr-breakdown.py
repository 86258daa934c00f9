#!/usr/bin/env python3
"""Where the embedded Neo4j server spent its CPU: JFR execution samples of a recording (see
bench/graph/README.md) attributed to commit, query planning, execution (index seeks, transaction
state, store reads, operators), the alloyflow.writeProvenance procedure (by core-API call), Bolt
and the rest. Usage: jfr-breakdown.py RECORDING.jfr"""
import collections
import re
import subprocess
import sys

out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", sys.argv[1]],
                     capture_output=True, text=True).stdout
c = collections.Counter(); sub = collections.Counter(); proc = collections.Counter(); n = 0; ex = 0
for s in out.split("jdk.ExecutionSample")[1:]:
    frames = [f for f in re.findall(r"^\s+([\w.$<>]+)\(", s, re.M) if "." in f]
    if not frames: continue
    n += 1; t = "\n".join(frames)
    if re.search(r"KernelTransactionImplementation\.commit|TransactionCommitProcess|\.commit$", t, re.M): c["transaction commit (store, index and log updates)"] += 1
    elif "io.alloyflow.neo4j.ProvenanceProcedure" in t:
        # the server-side batch writer (alloyflow.writeProvenance): where its core-API calls go
        c["alloyflow.writeProvenance (core API, before commit)"] += 1
        if re.search(r"findNode|gbptree|IndexSeek|nodeIndexSeek|NodeValueIndexCursor", t): proc["index seeks (find by key)"] += 1
        elif re.search(r"createRelationshipTo|relationshipCreate", t): proc["relationship creation (tx state, locks)"] += 1
        elif re.search(r"setProperty|removeProperty|nodeSetProperty|nodeRemoveProperty", t): proc["property writes (tx state)"] += 1
        elif re.search(r"createNode|nodeCreate|addLabel|nodeAddLabel", t): proc["node creation and labels (tx state, constraint checks)"] += 1
        elif re.search(r"ValueMapper|ValueUtils|\.procedure\.|procs\.", t): proc["argument conversion (Bolt values to Java maps)"] += 1
        else: proc["procedure's own Java (maps, sets)"] += 1
    elif re.search(r"QueryCache\.computeIfAbsentOrStale|CypherParsing|PipeLine\.transform|CypherPlanner|CypherCurrentCompiler\.compile", t): c["query parse/plan (incl. re-planning as statistics change)"] += 1
    elif re.search(r"CypherExecutableQuery\.execute|cypher\.internal\.runtime", t):
        c["query execution"] += 1; ex += 1
        if re.search(r"gbptree|index\.schema|IndexSeek|nodeIndexSeek", t): sub["index seeks"] += 1
        elif re.search(r"impl\.api\.state|TxState", t): sub["transaction state"] += 1
        elif re.search(r"recordstorage|store\.format|RecordStorageReader|StoreCursor", t): sub["store record reads (relationship chains, properties)"] += 1
        else: sub["operators, expressions, value conversion"] += 1
    elif re.search(r"org\.neo4j\.(bolt|packstream)", t): c["Bolt (decode parameters, encode results)"] += 1
    elif re.search(r"ZipFile|ClassLoader", t): c["class loading"] += 1
    else: c["other (background, netty)"] += 1
print("samples", n)
for k, v in c.most_common(): print(f"  {100*v/n:5.1f}%  {k}")
print("  of query execution:")
for k, v in sub.most_common(): print(f"    {100*v/n:5.1f}%  {k}")
if proc:
    print("  of alloyflow.writeProvenance:")
    for k, v in proc.most_common(): print(f"    {100*v/n:5.1f}%  {k}")
