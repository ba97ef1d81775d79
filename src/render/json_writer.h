#pragma once
#include <string>
#include <string_view>

namespace dd::render {

// Appends JSON text to a string without building a document first. The
// renderers print thousands of findings; a DOM per finding costs more than
// the lint itself. Strings are escaped as RFC 8259 asks and invalid UTF-8 is
// replaced by U+FFFD, so the output is always valid JSON.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out, int indent = 2) : out_(out), indent_(indent) {}
  // A writer that continues a container another writer opened at `depth`
  // and already put an element in: what it appends is what that writer
  // would have appended next. Lets two threads write one array.
  JsonWriter(std::string& out, int indent, int depth) : out_(out), indent_(indent), depth_(depth), first_(false) {}

  int depth() const { return depth_; }
  int indent() const { return indent_; }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // The key of the next value inside an object.
  void key(std::string_view k);
  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(long long n);
  void value(int n) { value(static_cast<long long>(n)); }
  // Already serialised JSON (one value), re-indented to the current depth.
  void raw(std::string_view json);
  // Elements of the current array written by a continuation writer
  // (JsonWriter(out, indent(), depth())), each after its comma.
  void continued(std::string_view elements);

  // key + value in one call.
  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void open(char c);
  void close(char c);
  void before_value();
  void newline();

  std::string& out_;
  int indent_;
  int depth_ = 0;
  bool first_ = true;     // no element yet in the current container
  bool after_key_ = false;
};

// Appends s as a quoted, escaped JSON string.
void append_json_string(std::string& out, std::string_view s);

}  // namespace dd::render
