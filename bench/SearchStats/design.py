import json, sys, statistics as st
# v2 proposal per-query estimate. designBr (tool) = dictionary shard 1 KB per key + brotli postings (+ chunk text for B path).
# Here the B path replaces chunk text (1,440 B per chunk) with +-4 code point windows per occurrence (estimated 12 B each).
fixed = {"out1k": (0.3, 0.1), "out10k": (2.6, 1.1), "out50k": (12.8, 5.0), "out10k-t1": (2.6,1.1), "out10k-t2": (2.6,1.1)}  # dl 4-bit table KB, (unused)
print("| corpus | query set | index bytes/query KB median | p90 | max | + page 18 KB + dl table + 20 titles (10 KB) + 10 snippets (14 KB): median | max | terms > 82 KB of index |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for d in sys.argv[1:]:
    rows = json.load(open(d + "/queries.json"))
    dl = fixed[d][0]
    for name, sel in [("fixed 10", lambda r: r["kind"] == "fixed"), ("random 100", lambda r: r["kind"] == "random"), ("dict 30", lambda r: r["kind"] == "dict"), ("all 140", lambda r: True)]:
        xs = []
        for r in rows:
            if not sel(r): continue
            b = r["designBr"]
            if r.get("path", "").startswith("B"):
                b = b - r["borderChunks"] * 1440 + r["borderChunks"] * 12
            xs.append(b / 1024)
        xs.sort(); p90 = xs[int(0.9 * (len(xs) - 1))]
        tot = [x + 18 + dl + 10 + 14 for x in xs]
        print(f"| {d} | {name} | {st.median(xs):.1f} | {p90:.1f} | {max(xs):.1f} | {st.median(tot):.1f} | {max(tot):.1f} | {sum(1 for x in xs if x > 82)} |")
