// The self-contained HTML report: a layer-size chart (inline SVG), a
// browsable size tree of the merged filesystem (inline JSON + a few lines
// of JS), and the findings. No external resource of any kind.
#include <sstream>

#include "image/analyze.h"
#include "image/rules.h"
#include "secrets/secrets.h"

namespace dd::image {
namespace {

std::string esc(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '&': o += "&amp;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

// JSON inside <script>: no "</" can end the element.
std::string script_json(const nlohmann::json& j) {
  std::string s = j.dump();
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<') o += "\\u003c";
    else o += s[i];
  }
  return o;
}

}  // namespace

std::string to_html(const Analysis& a) {
  const ImageModel& m = a.model;
  std::ostringstream o;
  std::string title = m.name.empty() ? m.source : m.name;
  o << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>drydock image: " << esc(title)
    << "</title><style>"
       "body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}"
       "table{border-collapse:collapse}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}"
       ".num{text-align:right;font-variant-numeric:tabular-nums}.bar{fill:#4a7bd0}.waste{fill:#e07a3f}"
       ".sev-error{color:#b00020;font-weight:600}.sev-warning{color:#a66a00;font-weight:600}.sev-info{color:#555}"
       "#tree .row{cursor:pointer;white-space:nowrap;font-family:monospace}#tree .row:hover{background:#f3f6fb}"
       ".sz{display:inline-block;width:90px;text-align:right;margin-right:10px;color:#444}"
       ".meter{display:inline-block;height:9px;background:#4a7bd0;margin-right:8px;vertical-align:middle}"
       "</style></head><body>";
  o << "<h1>drydock image report: " << esc(title) << "</h1>";
  o << "<p id=\"summary\">" << esc(m.config.platform.str()) << " &middot; " << m.layers.size() << " layers &middot; "
    << esc(human_bytes(a.walk.final_bytes)) << " in the final filesystem &middot; " << esc(human_bytes(a.walk.wasted_bytes))
    << " wasted &middot; efficiency " << int(a.walk.efficiency * 1000) / 10.0 << "%"
    << (a.base.empty() ? "" : " &middot; base " + esc(a.base)) << "</p>";

  // Layer chart: one bar per layer, wasted part in orange.
  uint64_t mx = 1;
  for (auto& L : m.layers) mx = std::max<uint64_t>(mx, L.changes.bytes);
  const int W = 560, rowh = 22;
  o << "<h2>Layers</h2><svg id=\"layer-chart\" width=\"" << W + 380 << "\" height=\"" << rowh * int(m.layers.size()) + 4
    << "\" role=\"img\" aria-label=\"layer sizes\">";
  for (size_t i = 0; i < m.layers.size(); ++i) {
    const Layer& L = m.layers[i];
    int w = int(double(L.changes.bytes) / double(mx) * W);
    int ww = int(double(std::min(L.changes.wasted_bytes, L.changes.bytes)) / double(mx) * W);
    int y = int(i) * rowh;
    o << "<g class=\"layer\"><title>" << esc(secrets::mask(L.created_by)) << "</title>"
      << "<rect class=\"bar\" x=\"0\" y=\"" << y + 3 << "\" width=\"" << std::max(w, 1) << "\" height=\"16\"/>";
    if (ww > 0) o << "<rect class=\"waste\" x=\"" << w - ww << "\" y=\"" << y + 3 << "\" width=\"" << ww << "\" height=\"16\"/>";
    o << "<text x=\"" << W + 8 << "\" y=\"" << y + 16 << "\">" << i + 1 << ". " << esc(human_bytes(L.changes.bytes)) << "  "
      << esc(L.dockerfile_line ? "line " + std::to_string(L.dockerfile_line) + " " + L.dockerfile_text
                               : secrets::mask(short_command(L.created_by, 48)))
      << "</text></g>";
  }
  o << "</svg>";
  o << "<table id=\"layers\"><tr><th>#</th><th class=num>size</th><th class=num>wasted</th><th class=num>added</th>"
       "<th class=num>changed</th><th class=num>deleted</th><th>command</th></tr>";
  for (auto& L : m.layers)
    o << "<tr><td>" << L.index + 1 << "</td><td class=num>" << esc(human_bytes(L.changes.bytes)) << "</td><td class=num>"
      << esc(human_bytes(L.changes.wasted_bytes)) << "</td><td class=num>" << L.changes.added << "</td><td class=num>"
      << L.changes.changed << "</td><td class=num>" << L.changes.deleted << "</td><td>"
      << esc(secrets::mask(short_command(L.created_by, 120))) << "</td></tr>";
  o << "</table>";

  o << "<h2>Findings</h2><table id=\"findings\"><tr><th>severity</th><th>rule</th><th>where</th><th>message</th></tr>";
  for (auto& f : a.findings) {
    std::string sev(to_string(f.severity));
    std::string where = f.location.path.empty() ? f.location.field : f.location.path;
    o << "<tr class=\"finding\"><td class=\"sev-" << sev << "\">" << sev << "</td><td>" << esc(f.rule) << "</td><td>"
      << esc(secrets::mask(where)) << "</td><td>" << esc(secrets::mask(f.message))
      << (f.evidence.empty() ? "" : "<br><code>" + esc(secrets::mask(f.evidence)) + "</code>") << "</td></tr>";
  }
  if (a.findings.empty()) o << "<tr><td colspan=4>No findings.</td></tr>";
  o << "</table>";

  o << "<h2>Filesystem</h2><div id=\"tree\"></div>";
  o << "<script id=\"tree-data\" type=\"application/json\">" << script_json(size_tree(*a.walk.fs)) << "</script>";
  o << R"JS(<script>
(function(){
var root=JSON.parse(document.getElementById('tree-data').textContent);
function hb(n){var u=['B','kB','MB','GB'],i=0;while(n>=1000&&i<3){n/=1000;i++;}return (i?n.toFixed(1):n)+' '+u[i];}
function row(node,depth,parent,total){
  var d=document.createElement('div');d.className='row';
  var open=false,kids=null;
  var w=Math.max(1,Math.round(120*node.s/Math.max(total,1)));
  d.innerHTML='<span class="sz">'+hb(node.s)+'</span><span class="meter" style="width:'+w+'px"></span>'+
    '&nbsp;'.repeat(depth*2)+(node.c?'&#9656; ':'&nbsp;&nbsp;')+node.n.replace(/[<&]/g,function(c){return c=='<'?'&lt;':'&amp;';});
  d.setAttribute('data-path',node.n);
  parent.appendChild(d);
  if(node.c){d.onclick=function(){
    if(!kids){kids=document.createElement('div');node.c.forEach(function(k){row(k,depth+1,kids,total);});d.after(kids);}
    open=!open;kids.style.display=open?'':'none';
  };}
  return d;
}
var t=document.getElementById('tree');
var r=row(root,0,t,root.s);r.click();
})();
</script>)JS";
  o << "</body></html>\n";
  return o.str();
}

}  // namespace dd::image
