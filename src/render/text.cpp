#include <fstream>
#include <map>
#include <sstream>

#include "render/render.h"

namespace dd::render {
namespace {

struct Style {
  bool on;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
};

const char* sev_color(Severity s) {
  switch (s) {
    case Severity::error: return "1;31";
    case Severity::warning: return "1;33";
    default: return "1;36";
  }
}

// Reads each source file once, only when a finding points into it.
class SourceCache {
 public:
  // Lines the caller already holds (standard input cannot be read again).
  void add(const std::string& file, const std::vector<std::string>& lines) { known_[file] = &lines; }

  const std::string* line(const std::string& file, int n) {
    const std::vector<std::string>* lines = nullptr;
    if (auto k = known_.find(file); k != known_.end()) {
      lines = k->second;
    } else {
      auto it = files_.find(file);
      if (it == files_.end()) it = files_.emplace(file, read(file)).first;
      lines = &it->second;
    }
    if (n < 1 || static_cast<size_t>(n) > lines->size()) return nullptr;
    return &(*lines)[n - 1];
  }

 private:
  static std::vector<std::string> read(const std::string& file) {
    std::vector<std::string> lines;
    std::ifstream in(file, std::ios::binary);
    std::string l;
    size_t total = 0;
    while (in && std::getline(in, l) && total < (64u << 20)) {
      if (!l.empty() && l.back() == '\r') l.pop_back();
      total += l.size();
      lines.push_back(std::move(l));
    }
    return lines;
  }

  std::map<std::string, const std::vector<std::string>*> known_;
  std::map<std::string, std::vector<std::string>> files_;
};

// Printable form of a source line: tabs to spaces, control bytes to '?',
// long lines cut, so a binary file cannot garble the terminal.
std::string printable(const std::string& s, size_t max = 200) {
  std::string out;
  for (unsigned char c : s) {
    if (out.size() >= max) {
      out += "...";
      break;
    }
    if (c == '\t') out += ' ';
    else if (c < 0x20 || c == 0x7f) out += '?';
    else out += static_cast<char>(c);
  }
  return out;
}

std::string where(const Location& l) {
  std::string w;
  if (!l.file.empty()) {
    w = l.file;
    if (l.line > 0) w += ":" + std::to_string(l.line);
    if (l.column > 0) w += ":" + std::to_string(l.column);
  }
  auto add = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    if (!w.empty()) w += " ";
    w += k + v;
  };
  add("resource ", l.resource);
  add("container ", l.container);
  add("image ", l.image);
  add("layer ", l.layer.substr(0, 19));
  add("path ", l.path);
  add("field ", l.field);
  return w.empty() ? "(input)" : w;
}

std::string where(const Finding& f) { return where(f.location); }

}  // namespace

namespace {

void write_text_finding(std::ostream& out, const Finding& raw, const Options& opt, const Style& st,
                        SourceCache& cache) {
  const Finding f = scrubbed(raw, opt);
  out << st("1", where(f)) << "  " << st(sev_color(f.severity), std::string(to_string(f.severity))) << "  "
      << st("1", f.rule) << "  " << st("2", "[" + std::string(to_string(f.category)) + "]") << "\n";
  out << "  " << st("1", f.title) << "\n";
  if (!f.message.empty() && f.message != f.title) out << "  " << f.message << "\n";
  const std::string* src = nullptr;
  if (opt.code_frames && !f.location.file.empty() && f.location.line > 0)
    src = cache.line(f.location.file, f.location.line);
  if (src) {
    std::string num = std::to_string(f.location.line);
    std::string shown = printable(opt.scrub ? opt.scrub(*src) : *src);
    out << "  " << st("2", num + " | ") << shown << "\n";
    int col = f.location.column > 0 ? f.location.column : 1;
    if (static_cast<size_t>(col) <= shown.size() + 1) {
      int width = 1;
      if (f.location.end_line == f.location.line && f.location.end_column > col)
        width = f.location.end_column - col;
      width = std::min<int>(width, static_cast<int>(shown.size()) - col + 2);
      if (width < 1) width = 1;
      out << "  " << std::string(num.size(), ' ') << st("2", " | ") << std::string(col - 1, ' ')
          << st(sev_color(f.severity), std::string(width, '^')) << "\n";
    }
  }
  if (!f.evidence.empty() && (!src || printable(opt.scrub ? opt.scrub(*src) : *src).find(f.evidence) == std::string::npos))
    out << "  " << st("2", "evidence: ") << printable(f.evidence, 400) << "\n";
  for (const auto& r : f.related)
    out << "  " << st("2", "also:     ") << where(r.location) << (r.message.empty() ? "" : "  " + printable(r.message, 200))
        << "\n";
  if (!f.root_cause.empty()) out << "  " << st("2", "cause:    ") << f.root_cause << "\n";
  if (!f.fix.empty()) {
    std::istringstream fix(f.fix);
    std::string line;
    bool first = true;
    while (std::getline(fix, line)) {
      out << "  " << (first ? st("32", "fix:      ") : std::string(10, ' ')) << line << "\n";
      first = false;
    }
  }
  out << "\n";
}

void write_text_summary(std::ostream& out, size_t count, const Summary& s, const Style& st) {
  if (count == 0) {
    out << st("32", "No findings.") << "\n";
    return;
  }
  out << st("1", std::to_string(count) + (count == 1 ? " finding" : " findings")) << ": " << s.error << " error"
      << (s.error == 1 ? "" : "s") << ", " << s.warning << " warning" << (s.warning == 1 ? "" : "s") << ", " << s.info
      << " info\n";
}

}  // namespace

void text(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  Style st{opt.color};
  SourceCache cache;
  for (const auto& f : findings) write_text_finding(out, f, opt, st, cache);
  write_text_summary(out, findings.size(), summarize(findings), st);
}

std::string text_piece(const std::vector<Finding>& findings, const Options& opt, const Source* source) {
  Style st{opt.color};
  SourceCache cache;
  if (source && source->lines) cache.add(source->file, *source->lines);
  std::ostringstream out;
  for (const auto& f : findings) write_text_finding(out, f, opt, st, cache);
  return std::move(out).str();
}

void text_summary(std::ostream& out, size_t count, const Summary& s, const Options& opt) {
  write_text_summary(out, count, s, Style{opt.color});
}

}  // namespace dd::render
