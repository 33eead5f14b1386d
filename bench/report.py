"""Turns raw per-round timings into the summary rows, the CSV, the markdown
table and the plots of one shape set."""

import csv
import os
import statistics


def _quartiles(values):
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def _clean(r, max_foreign):
    return r.get("foreign_cpus") is None or r["foreign_cpus"] <= max_foreign


def used_rounds(rounds, max_foreign):
    """The rounds a statistic is computed from: those during which other
    processes took at most max_foreign CPUs, if there are at least 2 of them;
    otherwise all rounds (other processes only ever slow a measurement down,
    so disturbed rounds are dropped rather than averaged in)."""
    clean = [r for r in rounds if _clean(r, max_foreign)]
    return clean if len(clean) >= 2 else list(rounds)


def summarize(shape_set, systems, raw, probe, max_foreign=0.3):
    """raw[shape][system] = {"rounds": [{"median_ms","min_ms"}...], "calls": n,
    "compile": {...} or None}. Returns a list of row dicts, one per (shape, system)."""
    rows = []
    peers = [s for s in systems if not s.ours]
    for shape in shape_set.shapes:
        if shape.name not in raw:
            continue
        per = raw[shape.name]
        flops = shape.flops()
        nbytes = shape.bytes_moved()
        floor_ms = max(flops / (probe["peak_gflops"] * 1e9), nbytes / (probe["bandwidth_gbs"] * 1e9)) * 1e3
        bound = "compute" if flops / probe["peak_gflops"] >= nbytes / probe["bandwidth_gbs"] else "memory"
        if probe.get("step_latency_us"):
            chain_ms = shape.sequential_steps() * probe["step_latency_us"] * 1e-3
            if chain_ms > floor_ms:
                floor_ms, bound = chain_ms, "latency"
        medians = {}
        for system in systems:
            if system.name in per:
                medians[system.name] = statistics.median(
                    r["median_ms"] for r in used_rounds(per[system.name]["rounds"], max_foreign))
        best_peer = min((p for p in peers if p.name in medians), key=lambda p: medians[p.name], default=None)
        for system in systems:
            if system.name not in per:
                continue
            rec = per[system.name]
            used = used_rounds(rec["rounds"], max_foreign)
            round_medians = [r["median_ms"] for r in used]
            med = medians[system.name]
            q1, q3 = _quartiles(round_medians)
            gflops = flops / (med * 1e-3) / 1e9
            row = {
                "set": shape_set.name, "shape": shape.name, "problem": shape.describe(),
                "mode": shape.mode, "T": shape.T, "B": shape.B, "I": shape.I, "H": shape.H,
                "L": shape.L, "D": shape.D, "dtype": shape.dtype,
                "system": system.name, "label": system.label, "ours": int(system.ours),
                "rounds": len(rec["rounds"]), "rounds_used": len(used),
                "rounds_clean": sum(1 for r in rec["rounds"] if _clean(r, max_foreign)),
                "calls_per_round": rec["calls"],
                "calls_done_min": min(r.get("calls_done", rec["calls"]) for r in rec["rounds"]),
                "ms_median": med, "ms_round_min": min(round_medians), "ms_round_max": max(round_medians),
                "ms_round_q1": q1, "ms_round_q3": q3,
                "ms_best_call": min(r["min_ms"] for r in rec["rounds"]),
                "ms_median_all_rounds": statistics.median(r["median_ms"] for r in rec["rounds"]),
                "gflop": flops / 1e9, "mbytes": nbytes / 1e6, "gflops": gflops,
                "frac_peak": gflops / probe["peak_gflops"],
                "floor_ms": floor_ms, "floor_bound": bound, "x_floor": med / floor_ms,
                "best_peer": best_peer.name if best_peer else "",
                "ratio_to_best_peer": med / medians[best_peer.name] if best_peer else "",
            }
            # Paired per-round ratio against every peer (the rounds are
            # interleaved, so round i of both saw the same machine state).
            for peer in peers:
                if peer is system or peer.name not in per:
                    continue
                pairs = list(zip(rec["rounds"], per[peer.name]["rounds"]))
                both = [(a, b) for a, b in pairs if _clean(a, max_foreign) and _clean(b, max_foreign)]
                pr = [a["median_ms"] / b["median_ms"] for a, b in (both or pairs)]
                row[f"ratio_vs_{peer.name}"] = med / medians[peer.name]
                row[f"ratio_vs_{peer.name}_round_min"] = min(pr)
                row[f"ratio_vs_{peer.name}_round_max"] = max(pr)
            fl = [r["foreign_cpus"] for r in rec["rounds"] if r.get("foreign_cpus") is not None]
            row["foreign_cpus_median"] = statistics.median(fl) if fl else ""
            row["foreign_cpus_max"] = max(fl) if fl else ""
            comp = rec.get("compile") or {}
            row["pipeline_ms"] = comp.get("pipeline_ms", "")
            row["jit_ms"] = comp.get("jit_ms", "")
            row["setup_ms"] = comp.get("setup_ms", "")
            rows.append(row)
    return rows


def write_csv(path, rows):
    keys = []
    for row in rows:
        for k in row:
            if k not in keys:
                keys.append(k)
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        for row in rows:
            w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})


def _ms(v):
    if v == "" or v is None:
        return "–"
    if v >= 100:
        return f"{v:.0f}"
    if v >= 10:
        return f"{v:.1f}"
    if v >= 1:
        return f"{v:.2f}"
    return f"{v:.3f}"


# Systems whose setup time gets a column (ours first, the ONNX peers).
SETUP_SYSTEMS = ("rnn-mlir-onednn", "rnn-mlir-cpu", "onnxruntime", "openvino")


def write_markdown(path, shape_set, systems, rows, probe, info, meta, plots):
    max_foreign = meta["cfg"]["max_foreign"]
    ours = [s for s in systems if s.ours]
    peers = [s for s in systems if not s.ours]
    by = {(r["shape"], r["system"]): r for r in rows}
    shapes = [s for s in shape_set.shapes if any((s.name, x.name) in by for x in systems)]

    head = ["shape", "problem", "GFLOP"]
    head += [f"{s.label} ms" for s in systems]
    head += [f"{o.label} / best peer" for o in ours]
    head += ["best peer"]
    head += [f"{s.label} GFLOP/s" for s in ours[:1]]
    head += ["% of peak" if len(ours) == 1 else f"{ours[0].label} % of peak"]
    head += ["floor ms", "ours / floor" if len(ours) == 1 else "ours / floor (" + ours[0].label + ")"]
    head += [f"{s.label} setup ms" for s in systems if s.name in SETUP_SYSTEMS]

    lines = [
        f"<!-- generated by bench/run.py{' --quick' if meta['quick'] else ''} on {info['date']}; "
        f"do not edit by hand -->",
        "",
        f"**{shape_set.title} benchmark** — {info['cpu_model']}, {info['cpus']} CPUs "
        f"({info['sockets']} socket x {info['cores_per_socket']} cores x {info['threads_per_core']} threads"
        f"{', ' + info['hypervisor'] + ' VM' if info['hypervisor'] else ''}), {info['memory_gib']} GiB, "
        f"{info['os']}, kernel {info['kernel']}.  ",
        f"rnn-mlir `{info['git']}` (rnn-run built {info['rnn_run_built']}, LLVM/MLIR {info['llvm']}), "
        f"torch {info['torch']}, numpy {info['numpy']}, OpenBLAS {info['openblas']} "
        f"(`libblas.so.3` -> `{info['libblas']}`); {meta['threads']} threads for every system.  ",
        f"Measured peak: {probe['peak_gflops']:.0f} GFLOP/s float32 GEMM "
        f"(start {probe.get('peak_gflops_start', probe['peak_gflops']):.0f}, "
        f"end {probe.get('peak_gflops_end', probe['peak_gflops']):.0f}), "
        f"copy bandwidth {probe['bandwidth_gbs']:.1f} GB/s.  ",
        f"Load average (1/5/15 min) at start: {meta['load_start']}; at end: {meta['load_end']} "
        f"({info['cpus']} CPUs). Other processes used {meta['foreign_median']} CPUs (median over the "
        f"timed measurements; max {meta['foreign_max']}) while the benchmarks ran.  ",
        f"{meta['retried']} measurements were repeated because others took over "
        f"{meta['cfg']['max_foreign']} CPUs; {meta['busy_kept']} of {meta['measurements']} kept "
        f"measurements still were.  ",
    ]
    busy_rows = [r for r in rows if r["rounds_used"] < r["rounds"] or r["rounds_clean"] < r["rounds"]]
    if busy_rows:
        lines.append(f"**Note:** {meta['busy_kept']} measurements ran while other processes took up to "
                     f"{meta['foreign_max']} CPUs; they are left out of the medians where at least 2 "
                     "undisturbed rounds remain (cells marked [k/n]) and kept otherwise ([busy]: read those "
                     "with care; rerun with `--wait-idle 600` on a quieter machine).  ")
    lines += [
        f"Mode: {'quick' if meta['quick'] else 'full'} — {meta['rounds']} interleaved rounds; each round "
        f"= 1 warm-up + N timed calls per system; total {meta['elapsed_s']:.0f} s.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|",
    ]
    for shape in shapes:
        cells = [shape.name, shape.describe(), f"{shape.flops() / 1e9:.3g}"]
        for s in systems:
            r = by.get((shape.name, s.name))
            if r is None:
                cells.append("–")
                continue
            cell = f"{_ms(r['ms_median'])} ({_ms(r['ms_round_min'])}–{_ms(r['ms_round_max'])})"
            if r["rounds_used"] < r["rounds"]:
                cell += f" [{r['rounds_used']}/{r['rounds']}]"
            elif r["rounds_clean"] < r["rounds"]:
                cell += " [busy]"
            cells.append(cell)
        best_label = ""
        for o in ours:
            r = by.get((shape.name, o.name))
            v = r.get("ratio_to_best_peer") if r else None
            cells.append("–" if v in (None, "") else f"**{v:.2f}**")
            if r and r.get("best_peer"):
                best_label = next(p.label for p in peers if p.name == r["best_peer"])
        cells.append(best_label or "–")
        for s in ours[:1]:
            r = by.get((shape.name, s.name))
            cells.append("–" if r is None else f"{r['gflops']:.1f}")
        r = by.get((shape.name, ours[0].name)) if ours else None
        cells.append("–" if r is None else f"{100 * r['frac_peak']:.0f}%")
        any_row = r or next(by[(shape.name, s.name)] for s in systems if (shape.name, s.name) in by)
        cells.append(f"{_ms(any_row['floor_ms'])} ({any_row['floor_bound'][0]})")
        cells.append("–" if r is None else f"{r['x_floor']:.1f}")
        for s in systems:
            if s.name not in SETUP_SYSTEMS:
                continue
            r = by.get((shape.name, s.name))
            cells.append("–" if r is None or r.get("setup_ms") in (None, "") else _ms(r["setup_ms"]))
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Times are ms per call: median over rounds of each round's median call (min–max of the round "
        "medians); [k/n]: only the k of n rounds during which other processes took at most "
        f"{max_foreign} CPUs are used; [busy]: fewer than 2 such rounds, all n used. Ratios < 1 mean rnn-mlir is faster. GFLOP/s counts the GEMM work "
        "2·G·H·(I_l+H)·B·T per layer and direction (G = 4 LSTM, 3 GRU). Floor = max(FLOP / peak, "
        "bytes / bandwidth) with bytes = weights + inputs + outputs once; (c) compute-bound, "
        "(m) memory-bound. Best peer = the fastest system that is not rnn-mlir on that shape. "
        "Setup = `rnn-run --timing`'s parse + pipeline + translate + optimize + codegen (ours); the "
        "session creation from the serialized model (ONNX Runtime: InferenceSession; OpenVINO: "
        "read_model + compile_model). \"canonical\": the weights passed as the canonical matrices "
        "and biases, rnn.pack_params inside the function. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are "
        "unset for every system. See bench/README.md.",
        "",
    ]
    for title, fname in plots:
        lines.append(f"![{title}]({fname})")
    lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines))


def make_plots(outdir, shape_set, systems, rows):
    """Two PNGs: time per shape per system (grouped bars, log scale, min–max
    over rounds as error bars) and time / best peer's time. Returns
    [(title, filename)]."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench: matplotlib missing (apt-get install python3-matplotlib); no plots")
        return []
    by = {(r["shape"], r["system"]): r for r in rows}
    shapes = [s for s in shape_set.shapes if any((s.name, x.name) in by for x in systems)]
    present = [s for s in systems if any((sh.name, s.name) in by for sh in shapes)]
    n = len(present)
    width = 0.8 / max(n, 1)
    xs = range(len(shapes))
    colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
    out = []

    fig, ax = plt.subplots(figsize=(1.9 * len(shapes) + 2.5, 4.2))
    for i, s in enumerate(present):
        vals, lo, hi, pos = [], [], [], []
        for j, sh in enumerate(shapes):
            r = by.get((sh.name, s.name))
            if r is None:
                continue
            pos.append(j - 0.4 + width * (i + 0.5))
            vals.append(r["ms_median"])
            lo.append(r["ms_median"] - r["ms_round_min"])
            hi.append(r["ms_round_max"] - r["ms_median"])
        ax.bar(pos, vals, width, yerr=[lo, hi], capsize=3, label=s.label, color=colors[i % len(colors)])
        for p, v in zip(pos, vals):
            ax.text(p, v * 1.08, _ms(v), ha="center", va="bottom", fontsize=7)
    ax.set_yscale("log")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([f"{sh.name}\n{sh.describe()}".replace(" I=", "\nI=") for sh in shapes], fontsize=7)
    ax.set_ylabel("ms per call (log)")
    ax.set_title(f"{shape_set.title}: time per call (median over rounds, bars = min–max)")
    ax.legend(fontsize=8)
    ax.margins(y=0.15)
    fig.tight_layout()
    fname = f"{shape_set.name}_time.png"
    fig.savefig(os.path.join(outdir, fname), dpi=110)
    plt.close(fig)
    out.append((f"{shape_set.title} time per call", fname))

    fig, ax = plt.subplots(figsize=(1.9 * len(shapes) + 2.5, 4.2))
    for i, s in enumerate(present):
        pos, vals = [], []
        for j, sh in enumerate(shapes):
            r = by.get((sh.name, s.name))
            if r is None or r["ratio_to_best_peer"] == "":
                continue
            pos.append(j - 0.4 + width * (i + 0.5))
            vals.append(r["ratio_to_best_peer"])
        ax.bar(pos, vals, width, label=s.label, color=colors[i % len(colors)])
        for p, v in zip(pos, vals):
            ax.text(p, v * 1.05, f"{v:.2f}", ha="center", va="bottom", fontsize=7)
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_yscale("log")
    ax.set_xticks(list(xs))
    ax.set_xticklabels([sh.name for sh in shapes])
    ax.set_ylabel("time / best peer's time (log; < 1 = faster)")
    ax.set_title(f"{shape_set.title}: ratio to the best peer per shape")
    ax.legend(fontsize=8)
    ax.margins(y=0.15)
    fig.tight_layout()
    fname = f"{shape_set.name}_ratio.png"
    fig.savefig(os.path.join(outdir, fname), dpi=110)
    plt.close(fig)
    out.append((f"{shape_set.title} ratio to the best peer", fname))
    return out
