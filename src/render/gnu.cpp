// One line per finding in the GNU form `FILE:LINE:COLUMN: SEVERITY: MESSAGE
// [RULE]`, which Emacs compilation-mode, Vim's quickfix and CI problem
// matchers read (hadolint -f gnu). A finding with no line is `SUBJECT:
// SEVERITY: MESSAGE [RULE]`.
#include <string>

#include "render/render.h"

namespace dd::render {
namespace {

// One line: newlines and other controls become spaces.
void append_line_text(std::string& out, std::string_view s) {
  for (char c : s) out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c);
}

}  // namespace

std::string gnu_piece(const std::vector<Finding>& findings, const Options& opt) {
  std::string out;
  for (const auto& raw : findings) {
    const Finding f = scrubbed(raw, opt);
    const Location& l = f.location;
    append_line_text(out, subject_of(l));
    if (l.line > 0) {
      out += ':' + std::to_string(l.line);
      if (l.column > 0) out += ':' + std::to_string(l.column);
    }
    out += ": ";
    out += to_string(f.severity);
    out += ": ";
    append_line_text(out, f.message.empty() ? f.title : f.message);
    out += " [" + f.rule + "]\n";
  }
  return out;
}

void gnu(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  const std::string s = gnu_piece(findings, opt);
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

}  // namespace dd::render
