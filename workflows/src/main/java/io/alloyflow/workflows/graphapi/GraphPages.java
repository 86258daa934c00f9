package io.alloyflow.workflows.graphapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTML of the analysts' browser. Pages are plain server-rendered HTML (they work without
 * scripts) except the lineage graph, which Cytoscape.js draws from the JSON subgraph. Every value
 * from the graph is escaped; every number links to the node page of what produced it.
 */
final class GraphPages {
  static final String BASE = "/v1/graph/browse";
  private static final String STYLE = "body{font-family:sans-serif;max-width:1200px;margin:1.5em auto;color:#222}"
      + "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
      + "th{background:#f3f3f3}a{color:#0645ad}nav a{margin-right:1em}.num{text-align:right}"
      + ".FAILED{color:#b00;font-weight:bold}.RUNNING{color:#a60}.note{color:#666;font-size:90%}"
      + "img{max-width:100%;border:1px solid #ccc}.imgs{display:flex;gap:1em;flex-wrap:wrap}.imgs figure{flex:1;min-width:250px;margin:0}"
      + "code{word-break:break-all}#cy{width:100%;height:640px;border:1px solid #ccc}";

  private GraphPages() {}

  static String esc(Object o) {
    return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }

  static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String num(Object v) {
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.4g", d);
    }
    return v == null ? "" : esc(v);
  }

  static String nodeLink(String key, String text) {
    return "<a href=\"" + BASE + "/node?key=" + url(key) + "\">" + text + "</a>";
  }

  static String head(String title) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + esc(title)
        + " — alloyflow knowledge graph</title><style>" + STYLE + "</style></head><body>"
        + "<nav><a href=\"" + BASE + "\">search</a><a href=\"/v1/graph/structure-property\">structure-property JSON</a></nav>";
  }

  static String time(Object epochMs) {
    return epochMs instanceof Number n && n.longValue() > 0 ? Instant.ofEpochMilli(n.longValue()).toString() : "";
  }

  /** Search page: samples and analyses matching a text and structure-property conditions. */
  static String search(String q, String where, List<Map<String, Object>> samples,
      List<Map<String, Object>> analyses, String error) {
    StringBuilder b = new StringBuilder(head("search"));
    b.append("<h1>Knowledge graph</h1><form id=\"search\" method=\"get\" action=\"").append(BASE).append("\">")
        .append("<label>sample or analysis <input id=\"q\" name=\"q\" value=\"").append(esc(q)).append("\"></label> ")
        .append("<label>where <input id=\"where\" name=\"where\" size=\"40\" placeholder=\"martensite>=0.2, hardnessHv>300\" value=\"")
        .append(esc(where)).append("\"></label> <button id=\"go\" type=\"submit\">search</button></form>");
    if (error != null) {
      b.append("<p class=\"FAILED\" id=\"error\">").append(esc(error)).append("</p>");
    }
    b.append("<h2>Samples</h2><table id=\"samples\"><tr><th>sample</th><th>alloy system</th><th>analyses</th><th>measurements</th><th>latest</th></tr>");
    for (Map<String, Object> s : samples) {
      b.append("<tr><td><a class=\"sample\" href=\"").append(BASE).append("/sample/").append(url(String.valueOf(s.get("sample"))))
          .append("\">").append(esc(s.get("sample"))).append("</a></td><td>").append(esc(s.getOrDefault("alloySystem", "")))
          .append("</td><td class=\"num\">").append(num(s.get("analyses"))).append("</td><td class=\"num\">")
          .append(num(s.get("measurements"))).append("</td><td>").append(time(s.get("latest"))).append("</td></tr>");
    }
    b.append("</table><h2>Analyses</h2>");
    analysesTable(b, analyses, true);
    return b.append("</body></html>").toString();
  }

  @SuppressWarnings("unchecked")
  private static void analysesTable(StringBuilder b, List<Map<String, Object>> analyses, boolean withSample) {
    b.append("<table id=\"analyses\"><tr><th>analysis</th>").append(withSample ? "<th>sample</th>" : "")
        .append("<th>status</th><th>started</th><th>measured and predicted values</th><th>prediction</th></tr>");
    for (Map<String, Object> a : analyses) {
      String id = String.valueOf(a.getOrDefault("analysis", a.get("id")));
      b.append("<tr><td>").append(nodeLink(id, "<code>" + esc(id) + "</code>")).append("</td>");
      if (withSample) {
        b.append("<td><a href=\"").append(BASE).append("/sample/").append(url(String.valueOf(a.get("sample"))))
            .append("\">").append(esc(a.get("sample"))).append("</a></td>");
      }
      String status = String.valueOf(a.getOrDefault("status", ""));
      b.append("<td class=\"").append(esc(status)).append("\">").append(esc(status));
      if ("FAILED".equals(status) && a.get("failureReason") != null) {
        b.append(": ").append(esc(a.get("failureReason")));
      }
      b.append("</td><td>").append(time(a.get("started"))).append("</td><td>");
      Map<String, Object> values = (Map<String, Object>) a.getOrDefault("values", Map.of());
      values.forEach((k, v) -> b.append(esc(k)).append("&nbsp;=&nbsp;")
          .append(nodeLink(id, "<span class=\"value\">" + num(v) + "</span>")).append(" "));
      b.append("</td><td>");
      for (Object p : (List<Object>) a.getOrDefault("predictions", List.of())) {
        b.append(nodeLink((String) p, "explanation")).append(" &middot; <a class=\"lineage\" href=\"").append(BASE)
            .append("/lineage?key=").append(url((String) p)).append("\">lineage graph</a><br>");
      }
      b.append("</td></tr>");
    }
    b.append("</table>");
  }

  /** Sample page: analyses with their values, images and overlays, plot, measurements. */
  @SuppressWarnings("unchecked")
  static String sample(String id, List<Map<String, Object>> analyses, List<Map<String, Object>> vsMeasured,
      List<Map<String, Object>> models) {
    StringBuilder b = new StringBuilder(head("sample " + id));
    b.append("<h1>Sample <span id=\"sample-id\">").append(esc(id)).append("</span></h1>")
        .append("<p><a href=\"").append(BASE).append("/lineage?down=true&key=").append(url("sample:" + id))
        .append("\">everything derived from this sample</a></p>");
    b.append("<h2>Images and overlays</h2><div class=\"imgs\">");
    int shown = 0;
    for (Map<String, Object> a : analyses) {
      for (Object o : (List<Object>) a.getOrDefault("overlays", List.of())) {
        if (shown++ < 4) {
          String sha = ((String) o).substring("sha256:".length());
          b.append("<figure><a href=\"").append(BASE).append("/node?key=").append(url((String) o))
              .append("\"><img class=\"overlay\" alt=\"phase overlay\" src=\"/v1/graph/artifacts/").append(sha)
              .append("\"></a><figcaption>phase overlay of ").append(esc(a.get("id"))).append("</figcaption></figure>");
        }
      }
    }
    b.append("</div>");
    b.append("<h2>Analyses</h2>");
    analysesTable(b, analyses, false);
    b.append("<h2>Predicted hardness</h2>").append(plot(analyses, vsMeasured));
    b.append("<h2>Predictions and measurements</h2><table id=\"measurements\"><tr><th>property</th><th>measured</th>"
        + "<th>&plusmn;</th><th>method</th><th>entered by</th><th>analysis</th><th>predicted</th><th>&plusmn;</th><th>model</th><th>residual</th></tr>");
    for (Map<String, Object> m : vsMeasured) {
      b.append("<tr><td>").append(esc(m.get("property"))).append("</td><td class=\"num\">")
          .append(nodeLink((String) m.get("measurement"), num(m.get("measured")))).append(" ").append(esc(m.getOrDefault("unit", "")))
          .append("</td><td class=\"num\">").append(num(m.get("measuredSigma"))).append("</td><td>").append(esc(m.get("method")))
          .append("</td><td>").append(esc(m.get("enteredBy"))).append("</td><td>")
          .append(m.get("analysis") == null ? "" : nodeLink((String) m.get("analysis"), "<code>" + esc(m.get("analysis")) + "</code>"))
          .append("</td><td class=\"num\">").append(m.get("analysis") == null ? "" : nodeLink((String) m.get("analysis"), num(m.get("predicted"))))
          .append("</td><td class=\"num\">").append(num(m.get("predictedSigma"))).append("</td><td>").append(esc(m.getOrDefault("model", "")))
          .append("</td><td class=\"num\">").append(num(m.get("residual"))).append("</td></tr>");
    }
    b.append("</table><h2>Across model versions</h2><table id=\"models\"><tr><th>model</th><th>runs</th><th>values (newest run)</th></tr>");
    for (Map<String, Object> m : models) {
      b.append("<tr><td>").append(nodeLink((String) m.get("model"), esc(m.get("model")))).append("</td><td class=\"num\">")
          .append(num(m.get("runs"))).append("</td><td>");
      ((Map<String, Object>) m.get("values")).forEach((k, v) ->
          b.append(esc(k)).append(" = ").append(nodeLink((String) m.get("prediction"), num(v))).append(" "));
      b.append("</td></tr>");
    }
    return b.append("</table></body></html>").toString();
  }

  /** Inline SVG: predicted hardness (with 1 sigma bars) per analysis, measured values as lines. */
  @SuppressWarnings("unchecked")
  static String plot(List<Map<String, Object>> analyses, List<Map<String, Object>> measured) {
    List<Map<String, Object>> pts = analyses.stream()
        .filter(a -> ((Map<String, Object>) a.getOrDefault("values", Map.of())).get("hardnessHv") instanceof Number).toList();
    if (pts.isEmpty()) {
      return "<p class=\"note\">no hardness prediction yet</p>";
    }
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (Map<String, Object> a : pts) {
      Map<String, Object> v = (Map<String, Object>) a.get("values");
      double h = ((Number) v.get("hardnessHv")).doubleValue();
      double s = v.get("sigmaHv") instanceof Number n ? n.doubleValue() : 0;
      lo = Math.min(lo, h - s);
      hi = Math.max(hi, h + s);
    }
    for (Map<String, Object> m : measured) {
      if ("hardnessHv".equals(m.get("property")) && m.get("measured") instanceof Number n) {
        lo = Math.min(lo, n.doubleValue());
        hi = Math.max(hi, n.doubleValue());
      }
    }
    double pad = Math.max(1, (hi - lo) * 0.1);
    lo -= pad;
    hi += pad;
    int w = 640;
    int h = 240;
    double y0 = lo;
    double span = hi - lo;
    StringBuilder b = new StringBuilder("<svg id=\"plot\" width=\"" + w + "\" height=\"" + h
        + "\" viewBox=\"0 0 " + w + " " + h + "\" role=\"img\" aria-label=\"predicted hardness per analysis\">");
    b.append("<line x1=\"50\" y1=\"10\" x2=\"50\" y2=\"").append(h - 20).append("\" stroke=\"#888\"/>");
    for (int t = 0; t <= 4; t++) {
      double v = y0 + span * t / 4;
      double y = (h - 20) - (h - 30) * t / 4.0;
      b.append(String.format(Locale.ROOT, "<text x=\"45\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.0f</text>", y + 3, v));
    }
    for (Map<String, Object> m : measured) {
      if ("hardnessHv".equals(m.get("property")) && m.get("measured") instanceof Number n) {
        double y = (h - 20) - (h - 30) * (n.doubleValue() - y0) / span;
        b.append(String.format(Locale.ROOT, "<line x1=\"50\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"4\"><title>measured %.1f HV</title></line>",
            w - 10, y, y, n.doubleValue()));
      }
    }
    int i = 0;
    for (Map<String, Object> a : pts) {
      Map<String, Object> v = (Map<String, Object>) a.get("values");
      double hv = ((Number) v.get("hardnessHv")).doubleValue();
      double s = v.get("sigmaHv") instanceof Number n ? n.doubleValue() : 0;
      double x = 70 + (w - 90) * (pts.size() == 1 ? 0.5 : (double) i / (pts.size() - 1));
      double y = (h - 20) - (h - 30) * (hv - y0) / span;
      double ys = (h - 30) * s / span;
      b.append("<a href=\"").append(BASE).append("/node?key=").append(esc(url(String.valueOf(a.get("id"))))).append("\">")
          .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>", x, x, y - ys, y + ys))
          .append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"#0645ad\"><title>%s: %.1f &#177; %.1f HV</title></circle></a>",
              x, y, esc(a.get("id")), hv, s));
      i++;
    }
    return b.append("</svg><p class=\"note\">dots: predicted HV &#177; 1&#963; per analysis (newest first); dashed: measured</p>").toString();
  }

  /** Lineage page: Cytoscape.js draws the subgraph fetched from the JSON API. */
  static String lineage(String key, boolean down, int depth) {
    String api = "/v1/graph/subgraph?key=" + url(key) + "&down=" + down + "&depth=" + depth;
    return head("lineage of " + key)
        + "<h1>" + (down ? "Downstream of " : "Lineage of ") + "<code>" + esc(key) + "</code></h1>"
        + "<p>" + nodeLink(key, "node details") + " &middot; <a href=\"" + BASE + "/lineage?key=" + url(key) + "&down=" + !down
        + "\">" + (down ? "upstream lineage" : "downstream impact") + "</a> &middot; <a href=\"/v1/graph/prov?key=" + url(key)
        + "&down=" + down + "\">PROV-JSON</a> &middot; <span id=\"count\">loading…</span></p>"
        + "<div id=\"cy\"></div><p class=\"note\">click a node to open it; colours: blue activities, green artifacts, "
        + "orange software and people, grey samples</p>"
        + "<script src=\"/v1/graph/assets/cytoscape.min.js\"></script><script>\n"
        + "fetch('" + api + "').then(r => r.json()).then(g => {\n"
        + "  const els = g.nodes.map(n => ({data: {id: n.key, label: n.kind + '\\n' + (n.properties.step || n.properties.name || n.properties.id || n.key.substring(0, 19)), kind: n.kind,"
        + " cls: n.labels.includes('Activity') ? 'act' : n.labels.includes('Agent') ? 'agent' : n.labels.includes('Sample') ? 'sample' : 'ent'}}))\n"
        + "    .concat(g.edges.map((e, i) => ({data: {id: 'e' + i, source: e.from, target: e.to, label: e.type.toLowerCase()}})));\n"
        + "  window.cy = cytoscape({container: document.getElementById('cy'), elements: els,\n"
        + "    layout: {name: 'breadthfirst', directed: true, roots: [" + jsString(key) + "], spacingFactor: 0.9},\n"
        + "    style: [{selector: 'node', style: {'label': 'data(label)', 'text-wrap': 'wrap', 'font-size': 9, 'text-valign': 'bottom', 'width': 18, 'height': 18}},\n"
        + "      {selector: 'node[cls = \"act\"]', style: {'background-color': '#3b6fd4', 'shape': 'rectangle'}},\n"
        + "      {selector: 'node[cls = \"ent\"]', style: {'background-color': '#2e9e55', 'shape': 'ellipse'}},\n"
        + "      {selector: 'node[cls = \"agent\"]', style: {'background-color': '#e08a1e', 'shape': 'pentagon'}},\n"
        + "      {selector: 'node[cls = \"sample\"]', style: {'background-color': '#777', 'shape': 'hexagon'}},\n"
        + "      {selector: 'node[id = " + jsString(key).replace("\"", "\\\"") + "]', style: {'border-width': 4, 'border-color': '#c00'}},\n"
        + "      {selector: 'edge', style: {'width': 1, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'label': 'data(label)', 'font-size': 7, 'color': '#666'}}]});\n"
        + "  cy.on('tap', 'node', ev => { window.location = '" + BASE + "/node?key=' + encodeURIComponent(ev.target.id()); });\n"
        + "  document.getElementById('count').textContent = g.nodes.length + ' nodes, ' + g.edges.length + ' edges' + (g.truncated ? ' (truncated)' : '');\n"
        + "  document.body.dataset.rendered = String(cy.nodes().length);\n"
        + "}).catch(e => { document.getElementById('count').textContent = 'failed: ' + e; });\n"
        + "</script></body></html>";
  }

  static String jsString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == '\'') {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** Node page: properties, links up and down, and for predictions their explanation. */
  @SuppressWarnings("unchecked")
  static String node(Map<String, Object> n, Map<String, Object> explanation, boolean image) {
    String key = (String) n.get("key");
    StringBuilder b = new StringBuilder(head(n.get("kind") + " " + key));
    b.append("<h1><span id=\"kind\">").append(esc(n.get("kind"))).append("</span> <code>").append(esc(key)).append("</code></h1>");
    b.append("<p><a id=\"lineage-up\" href=\"").append(BASE).append("/lineage?key=").append(url(key)).append("\">lineage graph</a> &middot; ")
        .append("<a href=\"").append(BASE).append("/lineage?down=true&key=").append(url(key)).append("\">downstream impact</a> &middot; ")
        .append("<a href=\"/v1/graph/lineage?key=").append(url(key)).append("\">lineage JSON</a> &middot; ")
        .append("<a href=\"/v1/graph/impact?key=").append(url(key)).append("\">impact JSON</a>");
    for (Object a : (List<Object>) n.getOrDefault("analyses", List.of())) {
      b.append(" &middot; analysis ").append(nodeLink((String) a, "<code>" + esc(a) + "</code>"))
          .append(" (<a href=\"/v1/analyses/").append(url((String) a)).append("/prov\">PROV-JSON</a>, <a href=\"/v1/analyses/")
          .append(url((String) a)).append("/ro-crate\">RO-Crate</a>)");
    }
    for (Object s : (List<Object>) n.getOrDefault("samples", List.of())) {
      b.append(" &middot; sample <a href=\"").append(BASE).append("/sample/").append(url((String) s)).append("\">")
          .append(esc(s)).append("</a>");
    }
    for (Object g : (List<Object>) n.getOrDefault("steps", List.of())) {
      b.append(" &middot; step ").append(nodeLink((String) g, "<code>" + esc(g) + "</code>"));
    }
    for (Object g : (List<Object>) n.getOrDefault("generatedBy", List.of())) {
      b.append(" &middot; made by ").append(nodeLink((String) g, "<code>" + esc(g) + "</code>"));
    }
    b.append("</p>");
    if (explanation != null) {
      b.append("<h2 id=\"explanation\">Explanation</h2><table id=\"explanation-table\"><tr><th>item</th><th>value</th></tr>");
      explanation.forEach((k, v) -> {
        if (v instanceof Map<?, ?> m) {
          m.forEach((kk, vv) -> b.append("<tr><td>").append(esc(k)).append(" &rsaquo; ").append(esc(kk))
              .append("</td><td class=\"num\">").append(num(vv)).append("</td></tr>"));
        } else {
          b.append("<tr><td>").append(esc(k)).append("</td><td>").append(num(v)).append("</td></tr>");
        }
      });
      b.append("</table>");
    }
    if (image) {
      String sha = key.substring("sha256:".length());
      b.append("<p><img alt=\"artifact\" src=\"/v1/graph/artifacts/").append(sha).append("\"></p>");
    }
    b.append("<h2>Properties</h2><table id=\"properties\"><tr><th>property</th><th>value</th></tr>");
    ((Map<String, Object>) n.get("properties")).forEach((k, v) -> b.append("<tr><td>").append(esc(k))
        .append("</td><td><code>").append(v instanceof Number ? num(v) : esc(v)).append("</code></td></tr>"));
    return b.append("</table></body></html>").toString();
  }
}
