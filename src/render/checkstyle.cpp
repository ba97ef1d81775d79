// Checkstyle XML, as `hadolint -f checkstyle` writes: what Jenkins (warnings-ng),
// reviewdog and many CI dashboards read.
#include <string>

#include "render/render.h"

namespace dd::render {
namespace {

// `s` as XML attribute text. Characters XML 1.0 cannot carry (controls other
// than tab, newline and return) become U+FFFD.
std::string attr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += "&#9;"; break;
      default:
        if (c < 0x20) out += "\xEF\xBF\xBD";
        else out += ch;
    }
  }
  return out;
}

const char* checkstyle_severity(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "info";
  }
}

}  // namespace

void checkstyle(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  std::string open;  // the <file> being written
  bool any = false;
  for (const auto& raw : findings) {
    const Finding f = scrubbed(raw, opt);
    const std::string name = subject_of(f.location);
    if (!any || name != open) {
      if (any) out << "  </file>\n";
      out << "  <file name=\"" << attr(name) << "\">\n";
      open = name;
      any = true;
    }
    std::string msg = f.message.empty() ? f.title : f.message;
    if (!f.fix.empty()) msg += " Fix: " + f.fix;
    out << "    <error line=\"" << (f.location.line > 0 ? f.location.line : 1) << "\"";
    if (f.location.column > 0) out << " column=\"" << f.location.column << "\"";
    out << " severity=\"" << checkstyle_severity(f.severity) << "\" message=\"" << attr(msg) << "\" source=\"" << attr(f.rule)
        << "\"/>\n";
  }
  if (any) out << "  </file>\n";
  out << "</checkstyle>\n";
}

}  // namespace dd::render
