package io.alloyflow.workflows.report;

import io.alloyflow.eds.api.ElementLine;
import io.alloyflow.fusion.api.PhaseSummary;
import io.alloyflow.workflows.analysis.AnalysisResult;
import java.util.Locale;
import java.util.Map;

/** The human-readable report page (no scripts, no external resources). */
final class Html {
  private Html() {}

  static String esc(Object o) {
    return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String f(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  @SuppressWarnings("unchecked")
  static String render(Map<String, Object> report, AnalysisResult r) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> sample = (Map<String, Object>) report.get("sample");
    Map<String, Object> prov = (Map<String, Object>) report.get("provenance");
    b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>alloyflow report ")
        .append(esc(sample.get("id"))).append("</title><style>")
        .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
        .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
        .append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
        .append("img{max-width:100%;border:1px solid #ccc}.row{display:flex;gap:1em}.row>div{flex:1}")
        .append(".note{color:#666;font-size:90%}</style></head><body>");
    b.append("<h1>Analysis of sample ").append(esc(sample.get("id"))).append("</h1>");
    b.append("<p>Alloy system: <b>").append(esc(sample.get("alloySystem"))).append("</b>. Analysis <code>")
        .append(esc(prov.get("analysisId"))).append("</code>.</p>");
    b.append("<div class=\"row\"><div><h3>Micrograph</h3><img src=\"micrograph.png\" alt=\"micrograph\"></div>")
        .append("<div><h3>Phases (").append(esc(r.segmentation().provenance().algorithm().name()))
        .append(")</h3><img src=\"overlay.png\" alt=\"phase overlay\"></div></div>");
    b.append("<h2>Phases</h2><table><tr><th>phase</th><th>area fraction</th><th>&plusmn; s.e.</th>")
        .append("<th>mean signal</th><th>sd signal</th><th>pixels</th></tr>");
    for (PhaseSummary p : r.fusion().phases()) {
      String cls = r.segmentation().classNames().get(p.label());
      b.append("<tr><td>").append(esc(p.phaseName())).append("</td><td>").append(f(p.areaFraction(), 4))
          .append("</td><td>").append(f(r.segmentation().phaseFractionSigma().getOrDefault(cls, Double.NaN), 4))
          .append("</td><td>").append(f(p.meanSignal(), 1)).append("</td><td>").append(f(p.sdSignal(), 1))
          .append("</td><td>").append(p.pixels()).append("</td></tr>");
    }
    b.append("</table><p class=\"note\">Contrast separation of the closest phases: ")
        .append(f(r.fusion().contrastSeparation(), 2)).append(" (below ~1 the detector hardly separates them).</p>");
    if (report.get("truthComparison") instanceof Map<?, ?> cmp
        && cmp.get("phaseFractions") instanceof Map<?, ?> pf) {
      b.append("<h3>Against the ground truth (synthetic input)</h3><table><tr><th>phase</th>")
          .append("<th>truth</th><th>measured</th><th>absolute error</th></tr>");
      for (Map.Entry<?, ?> e : pf.entrySet()) {
        Map<String, Object> v = (Map<String, Object>) e.getValue();
        b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>")
            .append(f(((Number) v.get("truth")).doubleValue(), 4)).append("</td><td>")
            .append(f(((Number) v.get("measured")).doubleValue(), 4)).append("</td><td>")
            .append(f(((Number) v.get("absoluteError")).doubleValue(), 4)).append("</td></tr>");
      }
      b.append("</table>");
    }
    b.append("<h2>EDS</h2>");
    if (r.eds() == null) {
      b.append("<p>No EDS data was given.</p>");
    } else {
      b.append("<p>Calibration: offset ").append(f(r.eds().offsetEv(), 2)).append(" eV, gain ")
          .append(f(r.eds().gainEvPerChannel(), 4)).append(" eV/channel.</p>")
          .append("<img src=\"spectrum.png\" alt=\"spectrum\">")
          .append("<table><tr><th>element</th><th>line</th><th>energy (keV)</th><th>net counts</th><th>&sigma;</th>")
          .append("<th>confidence</th><th>warnings</th></tr>");
      for (ElementLine l : r.eds().elements()) {
        b.append("<tr><td>").append(esc(l.symbol())).append("</td><td>").append(esc(l.family()))
            .append("</td><td>").append(f(l.energyEv() / 1000, 3)).append("</td><td>").append(f(l.netCounts(), 0))
            .append("</td><td>").append(f(l.netCountsSigma(), 0)).append("</td><td>").append(f(l.confidence(), 2))
            .append("</td><td>").append(esc(String.join("; ", l.warnings()))).append("</td></tr>");
      }
      b.append("</table>");
      if (!r.eds().composition().isEmpty()) {
        b.append("<p>Standardless composition (at.%, &plusmn; 1&sigma;): ");
        r.eds().composition().forEach((el, x) -> b.append(esc(el)).append(" ").append(f(100 * x, 1))
            .append(" &plusmn; ").append(f(100 * r.eds().compositionSigma().getOrDefault(el, 0.0), 1)).append("; "));
        b.append("</p>");
      }
    }
    b.append("<h2>Prediction</h2>");
    if (r.prediction() != null) {
      var p = r.prediction();
      b.append("<p><b>").append(esc(p.property())).append(": ").append(f(p.mean(), 0)).append(" &plusmn; ")
          .append(f(p.std(), 0)).append(" ").append(esc(p.unit())).append("</b> (95 % interval ")
          .append(f(p.lo95(), 0)).append("&ndash;").append(f(p.hi95(), 0)).append("; model ")
          .append(f(p.modelStd(), 0)).append(", EDS input ").append(f(p.inputStd(), 0)).append(" ")
          .append(esc(p.unit())).append(" standard deviation; ").append(esc(p.modelVersion()))
          .append(")</p><p class=\"note\">").append(esc(p.method())).append("</p>")
          .append("<table><tr><th>input</th><th>contribution (").append(esc(p.unit())).append(")</th></tr>");
      p.explanation().forEach((k, v) ->
          b.append("<tr><td>").append(esc(k)).append("</td><td>").append(f(v, 1)).append("</td></tr>"));
      b.append("</table>");
      if (p.waterfall() != null) {
        b.append("<p><img src=\"shap_waterfall.png\" alt=\"SHAP waterfall\"></p>");
      }
    } else {
      b.append("<p>No prediction: ").append(esc(r.predictionUnavailable())).append("</p>");
    }
    if (report.get("fractureStrain") instanceof Map<?, ?> fs) {
      fractureStrain(b, (Map<String, Object>) fs);
    }
    b.append("<h2>Provenance</h2><p>").append(esc(prov.get("nodes"))).append(" nodes and ")
        .append(esc(prov.get("edges"))).append(" relationships in the knowledge graph at <code>")
        .append(esc(prov.get("graph"))).append("</code>.</p><table><tr><th>step</th><th>algorithm</th>")
        .append("<th>version</th><th>reference</th><th>ms</th></tr>");
    for (var rec : new io.alloyflow.core.provenance.ActivityRecord[] {
      r.segmentation().provenance(), r.eds() == null ? null : r.eds().provenance(),
      r.fusion().provenance(), r.prediction() == null ? null : r.prediction().provenance(),
      r.imagePrediction() == null ? null : r.imagePrediction().provenance()}) {
      if (rec != null) {
        b.append("<tr><td>").append(esc(rec.step())).append("</td><td>").append(esc(rec.algorithm().name()))
            .append("</td><td>").append(esc(rec.algorithm().version())).append("</td><td>")
            .append(esc(rec.algorithm().reference())).append("</td><td>").append(rec.durationMs()).append("</td></tr>");
      }
    }
    b.append("</table></body></html>");
    return b.toString();
  }

  /** The fracture strain predicted from the phase map, its cells, overlay and explanation. */
  @SuppressWarnings("unchecked")
  private static void fractureStrain(StringBuilder b, Map<String, Object> fs) {
    b.append("<h2>Fracture strain from the phase map</h2>");
    if (fs.containsKey("unavailable")) {
      b.append("<p>No prediction: ").append(esc(fs.get("unavailable"))).append("</p>");
      return;
    }
    double mean = ((Number) fs.get("mean")).doubleValue();
    b.append("<p><b>fracture strain: ").append(f(mean, 3)).append(" &plusmn; ")
        .append(f(((Number) fs.get("std")).doubleValue(), 3)).append("</b> (95 % interval ")
        .append(f(((Number) fs.get("lo95")).doubleValue(), 3)).append("&ndash;")
        .append(f(((Number) fs.get("hi95")).doubleValue(), 3)).append("; model ")
        .append(f(((Number) fs.get("modelStd")).doubleValue(), 3)).append(", cell sampling ")
        .append(f(((Number) fs.get("samplingStd")).doubleValue(), 3)).append(" standard deviation");
    if (fs.get("weakestCell") instanceof Number w) {
      b.append("; weakest cell ").append(f(w.doubleValue(), 3));
    }
    b.append("; ").append(esc(fs.get("modelVersion"))).append(")</p><p class=\"note\">")
        .append(esc(fs.get("method"))).append("</p>");
    if (fs.get("modelCard") != null) {
      b.append("<p class=\"note\">Model card: ").append(esc(fs.get("modelCard"))).append("</p>");
    }
    b.append("<div class=\"row\">");
    if (fs.containsKey("criticalRegionsPng")) {
      b.append("<div><h3>Critical regions</h3><img src=\"").append(esc(fs.get("criticalRegionsPng")))
          .append("\" alt=\"critical regions\"></div>");
    }
    if (fs.containsKey("waterfallPng")) {
      b.append("<div><h3>Why (SHAP over image features)</h3><img src=\"")
          .append(esc(fs.get("waterfallPng"))).append("\" alt=\"SHAP waterfall\"></div>");
    }
    b.append("</div>");
    if (fs.get("explanation") instanceof Map<?, ?> ex && !ex.isEmpty()) {
      b.append("<table><tr><th>image feature</th><th>contribution (strain)</th></tr>");
      ((Map<String, Object>) ex).forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td>")
          .append(f(((Number) v).doubleValue(), 4)).append("</td></tr>"));
      b.append("</table>");
    }
  }
}
