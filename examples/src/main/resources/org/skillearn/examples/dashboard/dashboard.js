// Skillearn's live view: polls /api/runs and /api/run, draws with uPlot (served from the jar).
"use strict";

const POLL_MS = 1000;
const OPS = ["none", "max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5"];
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];
// epoch-record fields drawn elsewhere or not per-epoch curves
const NOT_SKILL = new Set(["epoch", "seconds", "ms_per_step", "stage_loss", "validation_objective", "alpha_normal", "alpha_reduce", "genotype",
  "diagnostic_images"]);

const state = { busy: false, selected: null, run: null, steps: [], charts: {}, alphaEpoch: null, genotypeShown: null };

function fmt(v) {
  if (typeof v !== "number" || !isFinite(v)) return String(v);
  return Number(v.toPrecision(4)).toString();
}

async function getJson(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) throw new Error(r.status + " " + (await r.text()));
  return r.json();
}

// ---- charts ----

function chart(key, el, title, xLabel, names, data, width) {
  const signature = names.join("|");
  let c = state.charts[key];
  if (c && c.signature === signature && c.el === el) {
    c.plot.setData(data);
    return;
  }
  if (c) c.plot.destroy();
  const series = [{ label: xLabel }].concat(names.map((n, i) => ({ label: n, stroke: COLORS[i % COLORS.length], width: 1.5,
    value: (u, v) => v == null ? "–" : fmt(v) })));
  const opts = { title: title, width: width || 520, height: 240, series: series,
    scales: { x: { time: false } },
    // steps and epochs are whole numbers: ticks at 1, 2, 5, 10, ... apart
    axes: [{ label: xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000] },
      { values: (u, vals) => vals.map(fmt), size: 60 }] };
  el.innerHTML = "";
  state.charts[key] = { signature: signature, el: el, plot: new uPlot(opts, data, el) };
}

function drawPerStep() {
  const steps = state.steps;
  const stages = [];
  steps.forEach(s => Object.keys(s.stage_loss || {}).forEach(k => { if (!stages.includes(k)) stages.push(k); }));
  const names = stages.map(s => "stage " + s).concat(["validation objective F"]);
  const data = [steps.map(s => s.step)];
  stages.forEach(k => data.push(steps.map(s => (s.stage_loss || {})[k] ?? null)));
  data.push(steps.map(s => s.validation_objective));
  chart("per-step", document.getElementById("per-step"), "losses per solver step", "step", names, data);
}

function drawPerEpoch(metrics) {
  const stages = [];
  metrics.forEach(m => Object.keys(m.stage_loss || {}).forEach(k => { if (!stages.includes(k)) stages.push(k); }));
  const names = stages.map(s => "stage " + s + " (mean)").concat(["validation objective F (mean)"]);
  const data = [metrics.map(m => m.epoch)];
  stages.forEach(k => data.push(metrics.map(m => (m.stage_loss || {})[k] ?? null)));
  data.push(metrics.map(m => m.validation_objective));
  chart("per-epoch", document.getElementById("per-epoch"), "losses per epoch", "epoch", names, data);
}

function drawSkillMetrics(metrics) {
  const box = document.getElementById("skill-metrics");
  const keys = [];
  metrics.forEach(m => Object.keys(m).forEach(k => {
    if (!NOT_SKILL.has(k) && typeof m[k] === "number" && !keys.includes(k)) keys.push(k);
  }));
  document.getElementById("skill-box").classList.toggle("hidden", keys.length === 0);
  keys.forEach(k => {
    let el = document.getElementById("skill-" + k);
    if (!el) {
      el = document.createElement("div");
      el.id = "skill-" + k;
      el.className = "chart";
      box.appendChild(el);
    }
    chart("skill-" + k, el, k, "epoch", [k], [metrics.map(m => m.epoch), metrics.map(m => m[k] ?? null)], 340);
  });
}

function drawCompare(runs, details) {
  const box = document.getElementById("compare-box");
  box.classList.toggle("hidden", runs.length < 2);
  if (runs.length < 2) return;
  const maxEpoch = Math.max(1, ...runs.map(r => r.epochs_done));
  const xs = Array.from({ length: maxEpoch }, (_, i) => i + 1);
  const data = [xs];
  runs.forEach(r => {
    const m = details[r.path] || [];
    data.push(xs.map(e => { const rec = m.find(x => x.epoch === e); return rec ? rec.validation_objective : null; }));
  });
  chart("compare", document.getElementById("compare"), "F per epoch", "epoch", runs.map(r => r.path), data, 360);
}

// ---- α heat maps ----

function softmaxRows(a) {
  return a.map(row => { const m = Math.max(...row); const e = row.map(v => Math.exp(v - m)); const s = e.reduce((x, y) => x + y, 0); return e.map(v => v / s); });
}

// states named as in the cell drawings: c_{k-2}, c_{k-1}, then the intermediate nodes 0, 1, ...
function stateName(i) {
  return i === 0 ? "c_{k-2}" : i === 1 ? "c_{k-1}" : String(i - 2);
}

function edgeLabels(rows) {
  const labels = [];
  for (let node = 2; labels.length < rows; node++) for (let i = 0; i < node && labels.length < rows; i++) labels.push(stateName(i) + "→" + stateName(node));
  return labels;
}

function heatmap(canvas, alpha, cell, withLabels) {
  const p = softmaxRows(alpha);
  const rows = p.length, cols = p[0].length;
  const left = withLabels ? 78 : 0, top = withLabels ? 84 : 0, right = withLabels ? 60 : 0;
  canvas.width = left + cols * cell + right;
  canvas.height = top + rows * cell;
  const g = canvas.getContext("2d");
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const v = p[r][c];
    const shade = Math.round(255 * (1 - Math.min(1, v * 2)));
    g.fillStyle = "rgb(" + shade + "," + shade + ",255)";
    g.fillRect(left + c * cell, top + r * cell, cell - 1, cell - 1);
  }
  if (!withLabels) return;
  g.fillStyle = "#333";
  g.font = "10px sans-serif";
  edgeLabels(rows).forEach((l, r) => g.fillText(l, 2, top + r * cell + cell * 0.7));
  for (let c = 0; c < cols; c++) {
    g.save();
    g.translate(left + c * cell + cell * 0.7, top - 4);
    g.rotate(-Math.PI / 3);
    g.fillText(OPS[c] || ("op " + c), 0, 0);
    g.restore();
  }
}

function drawAlphas(metrics) {
  const withAlpha = metrics.filter(m => Array.isArray(m.alpha_normal));
  document.getElementById("alpha-box").classList.toggle("hidden", withAlpha.length === 0);
  if (withAlpha.length === 0) return;
  const slider = document.getElementById("alpha-epoch");
  const last = withAlpha[withAlpha.length - 1].epoch;
  const following = state.alphaEpoch == null || Number(slider.value) === Number(slider.max);
  slider.min = withAlpha[0].epoch;
  slider.max = last;
  if (following) slider.value = last;
  const epoch = Number(slider.value);
  state.alphaEpoch = epoch;
  const rec = withAlpha.find(m => m.epoch === epoch) || withAlpha[withAlpha.length - 1];
  document.getElementById("alpha-epoch-label").textContent = "epoch " + rec.epoch;
  heatmap(document.getElementById("alpha-normal"), rec.alpha_normal, 18, true);
  if (Array.isArray(rec.alpha_reduce)) heatmap(document.getElementById("alpha-reduce"), rec.alpha_reduce, 18, true);
  const strip = document.getElementById("alpha-strip");
  while (strip.children.length > withAlpha.length) strip.removeChild(strip.lastChild);
  withAlpha.forEach((m, i) => {
    let c = strip.children[i];
    if (!c) {
      c = document.createElement("canvas");
      c.title = "epoch " + m.epoch;
      c.addEventListener("click", () => { slider.value = m.epoch; drawAlphas(state.run.metrics); });
      strip.appendChild(c);
    }
    heatmap(c, m.alpha_normal, 4, false);
    c.classList.toggle("selected", m.epoch === rec.epoch);
  });
}

// ---- the selected run ----

function showRun(run) {
  const o = (run.config && run.config.options) || {};
  document.getElementById("run-title").textContent = run.path;
  document.getElementById("run-facts").textContent = [o.method, o.model && "model " + o.model, o.hypergradient && "hypergradient " + o.hypergradient,
    o.epochs && o.epochs + " epochs", o.batch_size && "batch " + o.batch_size, o.seed != null && "seed " + o.seed,
    run.complete ? "complete" : "in progress"].filter(Boolean).join(" · ");
  const metrics = run.metrics || [];
  const lastStep = state.steps[state.steps.length - 1];
  const lastEpoch = metrics[metrics.length - 1];
  const parts = [];
  if (lastEpoch) {
    parts.push("epoch " + lastEpoch.epoch + ": validation objective " + fmt(lastEpoch.validation_objective));
    Object.entries(lastEpoch.stage_loss || {}).forEach(([k, v]) => parts.push("stage " + k + " " + fmt(v)));
  }
  if (lastStep) parts.push("step " + lastStep.step + ": F " + fmt(lastStep.validation_objective));
  if (run.result) Object.entries(run.result).filter(([k, v]) => /accuracy$/.test(k) && typeof v === "number")
    .forEach(([k, v]) => parts.push(k + " " + fmt(v)));
  document.getElementById("last-values").textContent = parts.join(" · ");
  drawPerStep();
  drawPerEpoch(metrics);
  drawSkillMetrics(metrics);
  drawAlphas(metrics);
  const genotype = run.genotype;
  document.getElementById("genotype-box").classList.toggle("hidden", !genotype);
  if (genotype && genotype !== state.genotypeShown) {
    document.getElementById("genotype").textContent = genotype;
    document.getElementById("cells").src = "/api/cells.svg?path=" + encodeURIComponent(run.path) + "&v=" + metrics.length + (run.complete ? "c" : "");
    state.genotypeShown = genotype;
  }
}

function select(path) {
  if (state.selected === path) return;
  state.selected = path;
  state.steps = [];
  state.run = null;
  state.alphaEpoch = null;
  state.genotypeShown = null;
  Object.values(state.charts).forEach(c => c.plot.destroy());
  state.charts = {};
  document.getElementById("skill-metrics").innerHTML = "";
  document.getElementById("alpha-strip").innerHTML = "";
  history.replaceState(null, "", "?run=" + encodeURIComponent(path));
  refresh();
}

function showRuns(runs) {
  const body = document.querySelector("#runs tbody");
  body.innerHTML = "";
  runs.forEach(r => {
    const tr = document.createElement("tr");
    tr.dataset.path = r.path;
    if (r.path === state.selected) tr.className = "selected";
    const last = r.last_step ? fmt(r.last_step.validation_objective) : "";
    const result = r.result ? Object.entries(r.result).filter(([k]) => /accuracy$/.test(k)).map(([k, v]) => fmt(v)).join(" / ") : "";
    const method = r.method + (r.order === 1 ? " 1st order" : "") + (r.model ? " (" + r.model + ")" : "");
    const shown = r.status === "unreadable" ? r.error : result;
    [r.path, method, r.status, r.epochs_done + "/" + r.epochs, r.steps_done, last, shown]
      .forEach((v, i) => { const td = document.createElement("td"); td.textContent = v; if (i === 2) td.className = "status-" + r.status; tr.appendChild(td); });
    tr.addEventListener("click", () => select(r.path));
    body.appendChild(tr);
  });
}

const compareMetrics = {};

async function refresh() {
  if (state.busy) return; // a slow answer: the next tick asks again
  state.busy = true;
  try {
    const runs = await getJson("/api/runs");
    if (state.selected == null && runs.length > 0) {
      const wanted = new URLSearchParams(location.search).get("run");
      state.selected = runs.some(r => r.path === wanted) ? wanted : runs[0].path;
    }
    showRuns(runs);
    if (state.selected != null) {
      const path = state.selected;
      try {
        const run = await getJson("/api/run?path=" + encodeURIComponent(path) + "&since=" + state.steps.length);
        if (path === state.selected) {
          state.steps = state.steps.concat(run.steps);
          state.run = run;
          compareMetrics[path] = run.metrics;
          showRun(run);
        }
      } catch (e) {
        document.getElementById("run-title").textContent = path;
        document.getElementById("run-facts").textContent = "cannot read this run: " + e.message;
      }
    }
    const readable = runs.filter(r => r.status !== "unreadable");
    if (readable.length > 1) {
      for (const r of readable) if (!compareMetrics[r.path] || r.status === "running") {
        try {
          compareMetrics[r.path] = (await getJson("/api/run?path=" + encodeURIComponent(r.path) + "&since=1000000000")).metrics;
        } catch (e) {
          compareMetrics[r.path] = [];
        }
      }
    }
    drawCompare(readable, compareMetrics);
    document.getElementById("clock").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById("clock").textContent = "waiting for the server: " + e.message;
  } finally {
    state.busy = false;
  }
}

document.getElementById("alpha-epoch").addEventListener("input", () => { if (state.run) drawAlphas(state.run.metrics); });
document.getElementById("root").textContent = location.host;
refresh();
setInterval(refresh, POLL_MS);
