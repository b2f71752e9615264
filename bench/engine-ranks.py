#!/usr/bin/env python3
"""Checks that the full-text ranks of both engines can be computed outside them, bit for bit: the groundwork of the
in-memory read model of issue 19, whose order must equal the SQL search's.

  bench/engine-ranks.py --sqlite /tmp/reperes-load/data-sqlite/reperes.db
  bench/engine-ranks.py --postgres reperes_load          (role reperes/reperes on 127.0.0.1)

(the databases of bench/search-load.sh). For each sample query it reads the engine's rank of up to 1,500 matching
structures and computes it again from the indexed text, then prints how many differ (0 expected):
- SQLite: FTS5's bm25(structure_search, 4.0, 1.0, 10.0) (columns name, body, cats): per phrase,
  idf = ln((N - n + 0.5) / (n + 0.5)) (1e-6 when not positive), tf = the column-weighted count of its tokens in the
  row, score = -sum(idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * D / avgdl))), k1 = 1.2, b = 0.75, D and avgdl in
  tokens of all columns; doubles, phrases in the expression's order.
- PostgreSQL: ts_rank(document, query) with the default weights {D 0.1, C 0.2, B 0.4, A 1.0} in float4: the query's
  distinct operands sorted bytewise; calc_rank_or when the query's top is not an AND, calc_rank_and (pairs of
  positions, word_distance) when it is; the product in calc_rank_and's update is computed in double.
"""
import argparse
import math
import os
import re
import sqlite3
import struct
import subprocess

K1, B = 1.2, 0.75
COLUMN_WEIGHTS = [4.0, 1.0, 10.0]


def tokens(text):
    # The index holds folded words (TextNormalizer): unicode61 splits them on anything but letters and digits.
    return re.findall(r"[0-9a-z]+", text.lower())


def check_sqlite(path):
    db = sqlite3.connect(path)
    docs = {rowid: [tokens(name), tokens(body), tokens(cats)] for rowid, name, body, cats in db.execute("SELECT rowid, name, body, cats FROM structure_search")}
    count = len(docs)
    average = sum(len(c[0]) + len(c[1]) + len(c[2]) for c in docs.values()) / count

    def frequency(doc, term, prefix, column):
        columns = [column] if column is not None else [0, 1, 2]
        return sum(COLUMN_WEIGHTS[c] * sum(1 for t in doc[c] if (t.startswith(term) if prefix else t == term)) for c in columns)

    def bm25(doc, phrases, idfs):
        length = len(doc[0]) + len(doc[1]) + len(doc[2])
        score = 0.0
        for (term, prefix, column), idf in zip(phrases, idfs):
            tf = frequency(doc, term, prefix, column)
            score += idf * ((tf * (K1 + 1.0)) / (tf + K1 * (1 - B + B * length / average)))
        return -1.0 * score

    samples = [
        ('"repas"', [("repas", False, None)]),
        ('"dou"*', [("dou", True, None)]),
        ('"douche" OR cats:c20', [("douche", False, None), ("c20", False, 2)]),
        ('"aide" AND "repas"', [("aide", False, None), ("repas", False, None)]),
        ('("manger"* OR cats:c1 OR cats:c2) AND cats:lgar', [("manger", True, None), ("c1", False, 2), ("c2", False, 2), ("lgar", False, 2)]),
    ]
    for expression, phrases in samples:
        idfs = []
        for term, prefix, column in phrases:
            hits = sum(1 for d in docs.values() if frequency(d, term, prefix, column) > 0)
            idf = math.log((count - hits + 0.5) / (hits + 0.5))
            idfs.append(idf if idf > 0 else 1e-6)
        rows = db.execute("SELECT rowid, bm25(structure_search, 4.0, 1.0, 10.0) FROM structure_search WHERE structure_search MATCH ? LIMIT 1500", (expression,)).fetchall()
        different = sum(1 for rowid, rank in rows if bm25(docs[rowid], phrases, idfs) != rank)
        print(f"sqlite   {expression:<50} {len(rows):>5} rows, {different} different")


def f32(value):
    return struct.unpack("f", struct.pack("f", value))[0]


WEIGHTS = {"D": f32(0.1), "C": f32(0.2), "B": f32(0.4), "A": f32(1.0)}


def parse_tsvector(text):
    vector = {}
    for match in re.finditer(r"'((?:[^']|'')*)'(?::([0-9A-D,]+))?", text):
        positions = []
        for item in (match.group(2) or "").split(",") if match.group(2) else []:
            number, weight = re.match(r"(\d+)([A-D]?)", item).groups()
            positions.append((int(number), weight or "D"))
        vector[match.group(1).replace("''", "'")] = positions
    return vector


def entries(vector, term, prefix):
    return [vector[k] for k in sorted(vector, key=str.encode) if (k.startswith(term) if prefix else k == term)]


def operands(terms):
    prefixes = dict(terms)
    return [(t, prefixes[t]) for t in sorted({t for t, _ in terms}, key=str.encode)]


def rank_or(vector, terms):
    items = operands(terms)
    result = f32(0.0)
    for term, prefix in items:
        for positions in entries(vector, term, prefix):
            sum_j, best, best_at = f32(0.0), f32(-1.0), 0
            for j, (_, weight) in enumerate(positions):
                sum_j = f32(sum_j + f32(WEIGHTS[weight] / ((j + 1) * (j + 1))))
                if WEIGHTS[weight] > best:
                    best, best_at = WEIGHTS[weight], j
            numerator = f32(f32(best + sum_j) - f32(best / ((best_at + 1) * (best_at + 1))))
            result = f32(result + numerator / 1.64493406685)
    return f32(result / len(items)) if items else result


def word_distance(distance):
    return f32(1e-30) if distance > 100 else f32(1.0 / (1.005 + 0.05 * math.exp(f32(distance) / 1.5 - 2)))


def rank_and(vector, terms):
    items = operands(terms)
    if len(items) < 2:
        return rank_or(vector, terms)
    result, kept = f32(-1.0), [None] * len(items)
    for i, (term, prefix) in enumerate(items):
        for positions in entries(vector, term, prefix):
            kept[i] = positions
            for k in range(i):
                for at, weight in positions if kept[k] is not None else []:
                    for other_at, other_weight in kept[k]:
                        distance = abs(at - other_at)
                        if distance:
                            current = f32(math.sqrt(f32(f32(WEIGHTS[weight] * WEIGHTS[other_weight]) * word_distance(distance))))
                            result = current if result < 0 else f32(1.0 - (1.0 - result) * (1.0 - current))
    return result


def check_postgres(database):
    os.environ.setdefault("PGPASSWORD", "reperes")
    samples = [
        ("repas", [("repas", False)], False),
        ("manger:* | c1 | c2 | c3", [("manger", True), ("c1", False), ("c2", False), ("c3", False)], False),
        ("dou:* | c20", [("dou", True), ("c20", False)], False),
        ("(aide | c5) & repas", [("aide", False), ("c5", False), ("repas", False)], True),
        ("(manger:* | c1 | c2) & c5", [("manger", True), ("c1", False), ("c2", False), ("c5", False)], True),
        ("(dou:* | c20) & lgar", [("dou", True), ("c20", False), ("lgar", False)], True),
    ]
    for query, terms, top_and in samples:
        sql = f"SELECT structure_id, ts_rank(document, to_tsquery('simple', '{query}'))::float8, document::text FROM structure_search WHERE document @@ to_tsquery('simple', '{query}') LIMIT 1500"
        lines = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "reperes", "-d", database, "-tA", "-F", "\t", "-c", sql], capture_output=True, text=True, check=True).stdout.splitlines()
        different = 0
        for line in lines:
            _, rank, text = line.split("\t", 2)
            mine = (rank_and if top_and else rank_or)(parse_tsvector(text), terms)
            different += (mine if mine >= 0 else f32(1e-20)) != float(rank)
        print(f"postgres {query:<50} {len(lines):>5} rows, {different} different")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", help="path of an SQLite database of Repères")
    parser.add_argument("--postgres", help="name of a PostgreSQL database of Repères")
    arguments = parser.parse_args()
    if not arguments.sqlite and not arguments.postgres:
        parser.error("give --sqlite PATH or --postgres DATABASE")
    if arguments.sqlite:
        check_sqlite(arguments.sqlite)
    if arguments.postgres:
        check_postgres(arguments.postgres)
