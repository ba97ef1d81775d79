#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <thread>

#include "render/json_writer.h"
#include "render/render.h"

namespace dd::render {

namespace {

const std::vector<std::pair<std::string, Format>>& formats() {
  static const std::vector<std::pair<std::string, Format>> f = {
      {"text", Format::text},           {"json", Format::json},   {"sarif", Format::sarif},
      {"codeclimate", Format::codeclimate}, {"checkstyle", Format::checkstyle}, {"gnu", Format::gnu},
      {"sonarqube", Format::sonarqube},
      {"tty", Format::text},                         // hadolint's names
      {"gitlab_codeclimate", Format::codeclimate}};
  return f;
}

}  // namespace

std::optional<Format> parse_format(std::string_view s) {
  for (const auto& [name, f] : formats())
    if (name == s) return f;
  return std::nullopt;
}

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const auto& [name, f] : formats()) n.push_back(name);
    return n;
  }();
  return names;
}

bool want_color() {
  const char* nc = std::getenv("NO_COLOR");
  if (nc && *nc) return false;
  return isatty(STDOUT_FILENO) == 1;
}

nlohmann::json location_json(const Location& l) {
  nlohmann::json j = nlohmann::json::object();
  if (!l.file.empty()) j["file"] = l.file;
  if (l.line > 0) j["line"] = l.line;
  if (l.column > 0) j["column"] = l.column;
  if (l.end_line > 0) j["end_line"] = l.end_line;
  if (l.end_column > 0) j["end_column"] = l.end_column;
  if (!l.image.empty()) j["image"] = l.image;
  if (!l.layer.empty()) j["layer"] = l.layer;
  if (!l.path.empty()) j["path"] = l.path;
  if (!l.container.empty()) j["container"] = l.container;
  if (!l.field.empty()) j["field"] = l.field;
  if (!l.resource.empty()) j["resource"] = l.resource;
  return j;
}

Finding scrubbed(const Finding& f, const Options& opt) {
  if (!opt.scrub) return f;
  Finding c = f;
  for (std::string* s : {&c.title, &c.message, &c.evidence, &c.root_cause, &c.fix}) *s = opt.scrub(*s);
  for (auto& r : c.related) r.message = opt.scrub(r.message);
  for (auto& [_, v] : c.properties) v = opt.scrub(v);
  return c;
}

nlohmann::json to_json(const Finding& f) {
  nlohmann::json j;
  j["rule"] = f.rule;
  j["category"] = std::string(to_string(f.category));
  j["severity"] = std::string(to_string(f.severity));
  j["title"] = f.title;
  j["message"] = f.message;
  j["location"] = location_json(f.location);
  j["evidence"] = f.evidence;
  if (!f.root_cause.empty()) j["root_cause"] = f.root_cause;
  j["fix"] = f.fix;
  j["tags"] = f.tags;
  if (!f.docs.empty()) j["docs"] = f.docs;
  if (!f.properties.empty()) j["properties"] = f.properties;
  if (!f.related.empty()) {
    auto rel = nlohmann::json::array();
    for (const auto& r : f.related) {
      nlohmann::json e;
      e["location"] = location_json(r.location);
      if (!r.message.empty()) e["message"] = r.message;
      rel.push_back(std::move(e));
    }
    j["related"] = std::move(rel);
  }
  return j;
}

void write_location(JsonWriter& w, const Location& l) {
  w.begin_object();
  if (!l.file.empty()) w.field("file", l.file);
  if (l.line > 0) w.field("line", l.line);
  if (l.column > 0) w.field("column", l.column);
  if (l.end_line > 0) w.field("end_line", l.end_line);
  if (l.end_column > 0) w.field("end_column", l.end_column);
  if (!l.image.empty()) w.field("image", l.image);
  if (!l.layer.empty()) w.field("layer", l.layer);
  if (!l.path.empty()) w.field("path", l.path);
  if (!l.container.empty()) w.field("container", l.container);
  if (!l.field.empty()) w.field("field", l.field);
  if (!l.resource.empty()) w.field("resource", l.resource);
  w.end_object();
}

// One finding in the spec's key order, every text scrubbed.
void write_finding(JsonWriter& w, const Finding& f, const Options& opt) {
  auto text = [&](std::string_view k, const std::string& v) {
    if (opt.scrub)
      w.field(k, opt.scrub(v));
    else
      w.field(k, v);
  };
  w.begin_object();
  w.field("rule", f.rule);
  w.field("category", to_string(f.category));
  w.field("severity", to_string(f.severity));
  text("title", f.title);
  text("message", f.message);
  w.key("location");
  write_location(w, f.location);
  text("evidence", f.evidence);
  if (!f.root_cause.empty()) text("root_cause", f.root_cause);
  text("fix", f.fix);
  w.key("tags");
  w.begin_array();
  for (const auto& t : f.tags) w.value(t);
  w.end_array();
  if (!f.docs.empty()) w.field("docs", f.docs);
  // Additive keys, only when set.
  if (!f.properties.empty()) {
    w.key("properties");
    w.begin_object();
    for (const auto& [k, v] : f.properties) text(k, v);
    w.end_object();
  }
  if (!f.related.empty()) {
    w.key("related");
    w.begin_array();
    for (const auto& r : f.related) {
      w.begin_object();
      w.key("location");
      write_location(w, r.location);
      if (!r.message.empty()) text("message", r.message);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

namespace {

// The report up to the opening of the findings array.
void open_report(JsonWriter& w) {
  w.begin_object();
  w.field("tool", "drydock");
  w.field("version", DRYDOCK_VERSION);
  w.key("findings");
  w.begin_array();
}

// Closes the findings array, then the extra keys and the summary.
void close_report(JsonWriter& w, const Summary& s, const Options& opt) {
  w.end_array();
  if (opt.extra.is_object())
    for (auto it = opt.extra.begin(); it != opt.extra.end(); ++it) {
      if (it.key() == "findings" || it.key() == "summary") continue;
      w.key(it.key());
      w.raw(it.value().dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    }
  w.key("summary");
  w.begin_object();
  w.field("error", s.error);
  w.field("warning", s.warning);
  w.field("info", s.info);
  w.end_object();
  w.end_object();
}

void flush(std::ostream& out, std::string& buf) {
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  buf.clear();
}

// Depth of the findings array's elements.
constexpr int kFindingDepth = 2;

}  // namespace

void json(std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  std::string buf;
  JsonWriter w(buf);
  open_report(w);
  // Two chunks at a time: this thread writes the first while a helper writes
  // the next into its own buffer, so scrubbing and escaping use two cores.
  // Output is streamed chunk by chunk, never held whole.
  constexpr size_t kChunk = 512;
  const size_t n = findings.size();
  std::string second;
  for (size_t b = 0; b < n; b += 2 * kChunk) {
    const size_t mid = std::min(n, b + kChunk), end = std::min(n, b + 2 * kChunk);
    second.clear();
    std::exception_ptr failed;
    std::thread helper;
    if (mid < end)
      helper = std::thread([&, depth = w.depth(), indent = w.indent()] {
        try {
          JsonWriter cw(second, indent, depth);  // continues after findings[mid - 1]
          for (size_t i = mid; i < end; ++i) write_finding(cw, findings[i], opt);
        } catch (...) {
          failed = std::current_exception();
        }
      });
    for (size_t i = b; i < mid; ++i) write_finding(w, findings[i], opt);
    if (helper.joinable()) helper.join();
    if (failed) std::rethrow_exception(failed);
    flush(out, buf);
    out.write(second.data(), static_cast<std::streamsize>(second.size()));
  }
  close_report(w, summarize(findings), opt);
  buf.push_back('\n');
  flush(out, buf);
}

std::string json_piece(const std::vector<Finding>& findings, const Options& opt) {
  std::string out;
  out.reserve(findings.size() * 1024);  // a finding is about 750 bytes of JSON
  JsonWriter w(out, 2, kFindingDepth);  // continues the findings array
  for (const auto& f : findings) write_finding(w, f, opt);
  return out;
}

void write(Format f, std::ostream& out, const std::vector<Finding>& findings, const Options& opt) {
  switch (f) {
    case Format::text: text(out, findings, opt); break;
    case Format::json: json(out, findings, opt); break;
    case Format::sarif: sarif(out, findings, opt); break;
    case Format::codeclimate: codeclimate(out, findings, opt); break;
    case Format::checkstyle: checkstyle(out, findings, opt); break;
    case Format::gnu: gnu(out, findings, opt); break;
    case Format::sonarqube: sonarqube(out, findings, opt); break;
  }
}

// Defined with their formats (text.cpp).
std::string text_piece(const std::vector<Finding>& findings, const Options& opt, const Source* source);
std::string gnu_piece(const std::vector<Finding>& findings, const Options& opt);  // gnu.cpp
void text_summary(std::ostream& out, size_t count, const Summary& s, const Options& opt);

std::string subject_of(const Location& l) {
  if (!l.file.empty()) return l.file;
  if (!l.image.empty()) return l.image + (l.path.empty() ? "" : ":" + l.path);
  if (!l.container.empty()) return l.container;
  return l.resource;
}

bool has_pieces(Format f) { return f == Format::json || f == Format::text || f == Format::gnu; }

Piece piece(Format f, const std::vector<Finding>& findings, const Options& opt, const Source* source) {
  Piece p;
  p.text = f == Format::json   ? json_piece(findings, opt)
           : f == Format::text ? text_piece(findings, opt, source)
           : f == Format::gnu  ? gnu_piece(findings, opt)
                               : "";
  p.summary = summarize(findings);
  p.count = findings.size();
  return p;
}

void write_pieces(Format f, std::ostream& out, const std::vector<Piece>& pieces, const Options& opt) {
  PieceWriter w(f, out, opt);
  for (const auto& p : pieces) w.add(p);
  w.close();
}

PieceWriter::PieceWriter(Format f, std::ostream& out, const Options& opt) : format_(f), out_(out), opt_(opt) {
  if (format_ == Format::json) open_report(json_);
}

void PieceWriter::add(const Piece& p) {
  summary_ += p.summary;
  count_ += p.count;
  if (format_ == Format::json) {
    json_.continued(p.text);
    if (buf_.size() >= (1u << 16)) flush(out_, buf_);
  } else {
    out_.write(p.text.data(), static_cast<std::streamsize>(p.text.size()));
  }
}

void PieceWriter::close() {
  if (format_ == Format::json) {
    close_report(json_, summary_, opt_);
    buf_.push_back('\n');
    flush(out_, buf_);
  } else if (format_ == Format::text) {
    text_summary(out_, count_, summary_, opt_);
  }
}

}  // namespace dd::render
