#!/usr/bin/env python3
"""Side-by-side peer benchmark: one screening-and-scoring workload in every engine.

Workload (seeded, deterministic): N draft decisions, each with one proposal of
20 screening triggers (t1..t20: yes/no), a cost fact, and 40 impact cells (one
per impact question q1..q40; question qi belongs to group g((i-1) % 12 + 1) and
domain d((i-1) % 4 + 1)), each cell a direction (-2..2) and a magnitude
(minimal 1, moderate 2, severe 3; likelihood "certain", weight 1).

Every engine computes, from the same nested decision dict:
- per-group score = sum over the group's cells of direction x magnitude weight;
- verdict = full if any of t1..t5 is yes or cost >= 100000, light if any of
  t6..t20 is yes, else none;
- which of 10 rules r1..r10 fire (boolean conditions over triggers, group
  scores and cost; one AST, translated into each engine's language).

Before timing, every engine's verdicts and fired rules are checked against the
plain-Python baseline for every decision; any difference aborts.

Usage: bench.py [--quick] [--runs R] [--n N]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time

N_TRIGGERS, N_QUESTIONS, N_GROUPS, N_DOMAINS = 20, 40, 12, 4
FULL_TRIGGERS = range(1, 6)
LIGHT_TRIGGERS = range(6, 21)
COST_LIMIT = 100_000
W = {"minimal": 1, "moderate": 2, "severe": 3}
GROUPS = [f"g{i}" for i in range(1, N_GROUPS + 1)]
Q_GROUP = {f"q{i}": f"g{(i - 1) % N_GROUPS + 1}" for i in range(1, N_QUESTIONS + 1)}
Q_DOMAIN = {f"q{i}": f"d{(i - 1) % N_DOMAINS + 1}" for i in range(1, N_QUESTIONS + 1)}

# The 10 rules, as one small AST translated into every engine's language.
# ("yes", i) trigger i answered yes; ("cmp", lhs, op, k) with lhs ("g", [groups]) (sum
# of group scores) or ("cost",); ("and", a, b); ("or", a, b); ("not", a).
RULES = {
    "r1": ("and", ("cmp", ("g", [1]), "<", 0), ("yes", 6)),
    "r2": ("cmp", ("g", [2, 3]), "<=", -4),
    "r3": ("or", ("cmp", ("g", [4]), ">", 3), ("yes", 7)),
    "r4": ("and", ("not", ("yes", 8)), ("cmp", ("g", [5]), "<", -2)),
    "r5": ("and", ("cmp", ("g", [6]), ">=", 2), ("cmp", ("g", [7]), ">=", 2)),
    "r6": ("or", ("and", ("yes", 9), ("yes", 10)), ("cmp", ("g", [8, 9, 10]), "<", -8)),
    "r7": ("or", ("cmp", ("g", [10]), "<=", -3), ("and", ("yes", 11), ("cmp", ("g", [11]), "<", 0))),
    "r8": ("and", ("not", ("yes", 12)), ("cmp", ("g", [12]), ">", 4)),
    "r9": ("and", ("cmp", ("cost",), ">=", 50_000), ("cmp", ("g", [1, 2]), "<", 0)),
    "r10": ("or", ("yes", 1), ("and", ("yes", 13), ("cmp", ("g", [3, 4, 5, 6]), ">=", 6))),
}
RULE_IDS = list(RULES)


# ---------------------------------------------------------------- workload
def generate(n: int, seed: int = 20261123) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for k in range(n):
        answers = {}
        for t in range(1, N_TRIGGERS + 1):
            p = 0.03 if t <= 5 else 0.05
            answers[f"t{t}"] = "yes" if rng.random() < p else "no"
        cost = rng.choice([0, 5_000, 20_000, 60_000, 99_999, 100_000, 250_000]) if rng.random() < 0.3 else rng.randrange(0, 120_000)
        impacts = [
            {
                "question": q,
                "group": Q_GROUP[q],
                "domain": Q_DOMAIN[q],
                "direction": rng.choice([-2, -1, -1, 0, 0, 1, 1, 2]),
                "magnitude": rng.choice(["minimal", "moderate", "severe"]),
                "likelihood": "certain",
            }
            for q in Q_GROUP
        ]
        out.append({
            "id": f"d{k:05d}",
            "title": f"Generated decision {k}",
            "facts": {"cost_eur": cost},
            "alternatives": [{"id": "p", "kind": "proposal", "title": "Proposal",
                              "answers": answers, "impacts": impacts}],
        })
    return out


# ---------------------------------------------------------------- translators
def tr(node, L):
    """Translate a rule AST into a language L (a dict of formatters)."""
    kind = node[0]
    if kind == "yes":
        return L["yes"](node[1])
    if kind == "cmp":
        lhs = node[1]
        if lhs[0] == "cost":
            l = L["cost"]
        else:
            l = L["gsum"]([f"g{i}" for i in lhs[1]])
        return L["cmp"](l, node[2], node[3])
    if kind == "not":
        return L["not"](tr(node[1], L))
    return L[kind](tr(node[1], L), tr(node[2], L))


def infix(andw, orw, notf):
    return {"and": lambda a, b: f"({a} {andw} {b})", "or": lambda a, b: f"({a} {orw} {b})",
            "not": notf, "cmp": lambda l, op, k: f"({l} {op} {k})"}


PY = {**infix("and", "or", lambda a: f"(not {a})"),
      "yes": lambda i: f"(a['t{i}'] == 'yes')", "cost": "cost",
      "gsum": lambda gs: "(" + " + ".join(f"g['{x}']" for x in gs) + ")"}
EVA = {**infix("and", "or", lambda a: f"(not {a})"),
       "yes": lambda i: f"(t{i} == yes)", "cost": "fact.cost_eur",
       "gsum": lambda gs: "(" + " + ".join(f"impact({x})" for x in gs) + ")"}
CEL = {**infix("&&", "||", lambda a: f"!{a}"),
       "yes": lambda i: f'(a.t{i} == "yes")', "cost": "cost",
       "gsum": lambda gs: "(" + " + ".join(f"g.{x}" for x in gs) + ")"}
RE = {**infix("and", "or", lambda a: f"(not {a})"),
      "yes": lambda i: f"(a['t{i}'] == 'yes')", "cost": "cost",
      "gsum": lambda gs: "(" + " + ".join(f"g['{x}']" for x in gs) + ")"}
ZEN = {**infix("and", "or", lambda a: f"(not {a})"),
       "yes": lambda i: f"(a.t{i} == 'yes')", "cost": "cost",
       "gsum": lambda gs: "(" + " + ".join(gs) + ")"}
JL = {"and": lambda a, b: {"and": [a, b]}, "or": lambda a, b: {"or": [a, b]},
      "not": lambda a: {"!": [a]}, "cmp": lambda l, op, k: {op: [l, k]},
      "yes": lambda i: {"==": [{"var": f"a.t{i}"}, "yes"]}, "cost": {"var": "cost"},
      "gsum": lambda gs: {"+": [{"var": f"g.{x}"} for x in gs]}}


def verdict_expr(yes, orw, cost_cmp, ternary):
    full = f" {orw} ".join([yes(i) for i in FULL_TRIGGERS] + [cost_cmp])
    light = f" {orw} ".join(yes(i) for i in LIGHT_TRIGGERS)
    return ternary(full, "'full'", ternary(light, "'light'", "'none'"))


# ---------------------------------------------------------------- engines
def make_python():
    rules = [(rid, eval(f"lambda a, g, cost: {tr(ast, PY)}")) for rid, ast in RULES.items()]
    full_t = [f"t{i}" for i in FULL_TRIGGERS]
    light_t = [f"t{i}" for i in LIGHT_TRIGGERS]

    def run(d):
        alt = d["alternatives"][0]
        a = alt["answers"]
        cost = d["facts"]["cost_eur"]
        g = dict.fromkeys(GROUPS, 0)
        for c in alt["impacts"]:
            g[c["group"]] += c["direction"] * W[c["magnitude"]]
        if cost >= COST_LIMIT or any(a[t] == "yes" for t in full_t):
            v = "full"
        elif any(a[t] == "yes" for t in light_t):
            v = "light"
        else:
            v = "none"
        return v, [rid for rid, f in rules if f(a, g, cost)]

    return {"one": lambda ds: [run(d) for d in ds]}


def eva_source() -> str:
    L = 'fi "{0}" sv "{0}" en "{0}"'
    s = ['checklist peers {', f'  title {L.format("Peer benchmark")}', '  version "1.0"', '}',
         f'fact cost_eur: number {{ label {L.format("Cost")} }}',
         f'perspective p1 {{ label {L.format("P1")} }}']
    s += [f'domain d{i} {{ label {L.format(f"D{i}")} perspective p1 }}' for i in range(1, N_DOMAINS + 1)]
    s += [f'group {g} {{ label {L.format(g.upper())} }}' for g in GROUPS]
    s += [f'question t{i}: screening {{ text {L.format(f"Trigger {i}?")} }}' for i in range(1, N_TRIGGERS + 1)]
    s += [f'question {q}: impact {{ text {L.format(q)} domain {Q_DOMAIN[q]} groups {Q_GROUP[q]} }}' for q in Q_GROUP]
    full = " or ".join(f"t{i} == yes" for i in FULL_TRIGGERS)
    light = " or ".join(f"t{i} == yes" for i in LIGHT_TRIGGERS)
    s += [f'rule full_trigger: verdict full {{ each proposal when {full} message {L.format("Full trigger")} }}',
          f'rule full_cost: verdict full {{ when fact.cost_eur >= {COST_LIMIT} message {L.format("Cost")} }}',
          f'rule light_trigger: verdict light {{ each proposal when {light} message {L.format("Light trigger")} }}']
    s += [f'rule {rid}: warning {{ each proposal when {tr(ast, EVA)} message {L.format(rid)} }}'
          for rid, ast in RULES.items()]
    return "\n".join(s) + "\n"


def make_ennakko():
    import ennakko
    cl = ennakko.Checklist.from_source(eva_source(), name="peers.eva")
    rs = set(RULE_IDS)

    def out(r):
        fired = {f.rule for f in r.findings if f.rule in rs}
        return r.verdict_level, [x for x in RULE_IDS if x in fired]

    return {"one": lambda ds: [out(cl.score(d)) for d in ds],
            "batch": lambda ds: [out(r) for r in cl.score_many(ds)],
            "_checklist": cl}


def make_zen():
    import zen
    mag = "(#.magnitude == 'severe' ? 3 : (#.magnitude == 'moderate' ? 2 : 1))"
    e1 = [{"id": f"e{g}", "key": g,
           "value": f"sum(map(filter(alternatives[0].impacts, #.group == '{g}'), #.direction * {mag}))"}
          for g in GROUPS]
    e1 += [{"id": "ea", "key": "a", "value": "alternatives[0].answers"},
           {"id": "ec", "key": "cost", "value": "facts.cost_eur"}]
    v = verdict_expr(ZEN["yes"], "or", f"cost >= {COST_LIMIT}", lambda c, t, e: f"(({c}) ? {t} : {e})")
    e2 = [{"id": "ev", "key": "verdict", "value": v}]
    e2 += [{"id": f"e{rid}", "key": rid, "value": tr(ast, ZEN)} for rid, ast in RULES.items()]
    graph = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "in", "position": {"x": 0, "y": 0}},
            {"id": "n1", "type": "expressionNode", "name": "groups", "position": {"x": 1, "y": 0},
             "content": {"expressions": e1}},
            {"id": "n2", "type": "expressionNode", "name": "rules", "position": {"x": 2, "y": 0},
             "content": {"expressions": e2}},
            {"id": "out", "type": "outputNode", "name": "out", "position": {"x": 3, "y": 0}},
        ],
        "edges": [{"id": "a", "sourceId": "in", "targetId": "n1", "type": "edge"},
                  {"id": "b", "sourceId": "n1", "targetId": "n2", "type": "edge"},
                  {"id": "c", "sourceId": "n2", "targetId": "out", "type": "edge"}],
    }
    engine = zen.ZenEngine()
    dec = engine.create_decision(json.dumps(graph))

    def run(d):
        r = dec.evaluate(d)["result"]
        return r["verdict"], [rid for rid in RULE_IDS if r[rid]]

    return {"one": lambda ds: [run(d) for d in ds]}


def make_cel():
    import cel
    # Two programs, so values cross the boundary twice per decision: one returns
    # the map of group scores, one the verdict and the rules. CEL has no
    # sum/fold: a group score is the unrolled sum over that group's cells, which
    # the generator keeps in question order (cell i-1 is question qi).
    w = '{"minimal": 1, "moderate": 2, "severe": 3}'
    groups = ", ".join(f'"{g}": ' + " + ".join(
        f"c[{i - 1}].direction * {w}[c[{i - 1}].magnitude]" for i in range(1, N_QUESTIONS + 1)
        if Q_GROUP[f"q{i}"] == g) for g in GROUPS)
    gp = cel.compile("{" + groups + "}")
    v = verdict_expr(CEL["yes"], "||", f"cost >= {COST_LIMIT}",
                     lambda c, t, e: f"(({c}) ? {t} : {e})").replace("'", '"')
    rp = cel.compile("{" + f'"verdict": {v}, ' + ", ".join(
        f'"{rid}": {tr(ast, CEL)}' for rid, ast in RULES.items()) + "}")

    def run(d):
        alt = d["alternatives"][0]
        g = gp.execute({"c": alt["impacts"]})
        r = rp.execute({"a": alt["answers"], "g": g, "cost": d["facts"]["cost_eur"]})
        return r["verdict"], [rid for rid in RULE_IDS if r[rid]]

    return {"one": lambda ds: [run(d) for d in ds]}


def make_rule_engine():
    import rule_engine
    # Two rules per decision: the map of group scores, then verdict and rules.
    mag = "(c['magnitude'] == 'severe' ? 3 : (c['magnitude'] == 'moderate' ? 2 : 1))"
    gp = rule_engine.Rule("{" + ", ".join(
        f"'{g}': $sum([c['direction'] * {mag} for c in cells if c['group'] == '{g}'])" for g in GROUPS) + "}")
    v = verdict_expr(RE["yes"], "or", f"cost >= {COST_LIMIT}", lambda c, t, e: f"(({c}) ? {t} : {e})")
    rp = rule_engine.Rule("{" + f"'verdict': {v}, " + ", ".join(
        f"'{rid}': {tr(ast, RE)}" for rid, ast in RULES.items()) + "}")

    def run(d):
        alt = d["alternatives"][0]
        g = gp.evaluate({"cells": alt["impacts"]})
        r = rp.evaluate({"a": alt["answers"], "g": g, "cost": d["facts"]["cost_eur"]})
        return r["verdict"], [rid for rid in RULE_IDS if r[rid]]

    return {"one": lambda ds: [run(d) for d in ds]}


def make_jsonlogic():
    from json_logic import jsonLogic
    mag = {"if": [{"==": [{"var": "current.magnitude"}, "severe"]}, 3,
                  {"==": [{"var": "current.magnitude"}, "moderate"]}, 2, 1]}
    gl = {g: {"reduce": [{"filter": [{"var": "cells"}, {"==": [{"var": "group"}, g]}]},
                         {"+": [{"var": "accumulator"}, {"*": [{"var": "current.direction"}, mag]}]}, 0]}
          for g in GROUPS}
    yes = JL["yes"]
    full = {"or": [yes(i) for i in FULL_TRIGGERS] + [{">=": [{"var": "cost"}, COST_LIMIT]}]}
    light = {"or": [yes(i) for i in LIGHT_TRIGGERS]}
    v = {"if": [full, "full", light, "light", "none"]}
    rules = [(rid, tr(ast, JL)) for rid, ast in RULES.items()]

    def run(d):
        alt = d["alternatives"][0]
        cells = {"cells": alt["impacts"]}
        g = {k: jsonLogic(p, cells) for k, p in gl.items()}
        ctx = {"a": alt["answers"], "g": g, "cost": d["facts"]["cost_eur"]}
        return jsonLogic(v, ctx), [rid for rid, p in rules if jsonLogic(p, ctx)]

    return {"one": lambda ds: [run(d) for d in ds]}


ENGINES = [
    ("plain Python", make_python, "hand-written loop"),
    ("ennakko", make_ennakko, "generated .eva checklist"),
    ("zen-engine", make_zen, "decision graph: 2 expression nodes"),
    ("CEL (common-expression-language)", make_cel, "2 compiled programs per decision"),
    ("rule-engine", make_rule_engine, "2 compiled rules per decision"),
    ("JsonLogic (json-logic-qubit)", make_jsonlogic, "23 JsonLogic rules (pure Python)"),
]


def version_of(dist):
    try:
        from importlib.metadata import version
        return version(dist)
    except Exception:
        return "?"


DISTS = {"ennakko": "ennakko", "zen-engine": "zen-engine",
         "CEL (common-expression-language)": "common-expression-language",
         "rule-engine": "rule-engine", "JsonLogic (json-logic-qubit)": "json-logic-qubit"}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="100 decisions, 3 runs")
    ap.add_argument("--runs", type=int)
    ap.add_argument("--n", type=int)
    a = ap.parse_args()
    n = a.n or (100 if a.quick else 1000)
    runs = a.runs or (3 if a.quick else 5)
    ds = generate(n)

    expected = make_python()["one"](ds)
    vc = {k: sum(1 for v, _ in expected if v == k) for k in ("none", "light", "full")}
    fc = {r: sum(1 for _, f in expected if r in f) for r in RULE_IDS}
    print(f"workload: {n} decisions x (20 triggers + 40 impact cells over 12 groups + 10 rules); "
          f"verdicts {vc}; rules fired {fc}", file=sys.stderr)

    rows, skipped = [], []
    for name, make, how in ENGINES:
        try:
            modes = make()
        except ImportError as e:
            skipped.append(f"{name}: not installed ({e})")
            continue
        if name == "ennakko":
            # Also check the group scores, not only what is derived from them.
            cl = modes["_checklist"]
            for d in ds[:50]:
                alt = cl.score(d).proposals[0]
                g = dict.fromkeys(GROUPS, 0)
                for c in d["alternatives"][0]["impacts"]:
                    g[c["group"]] += c["direction"] * W[c["magnitude"]]
                got = {x: alt.group(x).value for x in GROUPS}
                if got != g:
                    sys.exit(f"ABORT: ennakko group scores differ for {d['id']}: {got} != {g}")
        for mode, fn in modes.items():
            if mode.startswith("_"):
                continue
            got = fn(ds)
            bad = [(d["id"], e, r) for d, e, r in zip(ds, expected, got)
                   if (r[0], list(r[1])) != (e[0], list(e[1]))]
            if bad:
                sys.exit(f"ABORT: {name} ({mode}) disagrees with plain Python on {len(bad)} of {n} "
                         f"decisions; first: {bad[0][0]} expected {bad[0][1]} got {bad[0][2]}")
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                fn(ds)
                times.append(time.perf_counter() - t0)
            med = statistics.median(times)
            label = name if name not in ("ennakko",) else f"ennakko ({'score_many' if mode == 'batch' else 'score, one call each'})"
            rows.append((label, how, version_of(DISTS[name]) if name in DISTS else platform.python_version(), n / med, med / n * 1e6))
            print(f"  {label}: {n / med:,.0f} decisions/s", file=sys.stderr)

    ref = next((r[3] for r in rows if "score_many" in r[0]), None)
    print(f"\n{n} decisions, median of {runs} runs, Python {platform.python_version()}, "
          f"{os.cpu_count()} cores (score_many uses all of them; every other row is one thread), "
          f"load average {os.getloadavg()[0]:.1f} at the end.\n")
    print("| engine | how | version | decisions/s | µs/decision | vs ennakko score_many |")
    print("|---|---|---|---:|---:|---:|")
    for label, how, ver, dps, us in sorted(rows, key=lambda r: -r[3]):
        ratio = "n/a" if not ref else (f"{dps / ref:.2f}x" if dps / ref >= 0.1 else f"{dps / ref:.3f}x")
        print(f"| {label} | {how} | {ver} | {dps:,.0f} | {us:,.1f} | {ratio} |")
    for s in skipped:
        print(f"\nskipped: {s}")
    print("\nAll engines returned the same verdict and fired rules as plain Python for every decision.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
