#include "dockerfile/command.h"

#include <algorithm>

#include "dockerfile/rule.h"

namespace dd::dockerfile {

Range script_range(const Instruction& ins, size_t b, size_t e) {
  Range r = ins.script_positions().range(b, std::max(e, b + 1));
  if (r.begin.line <= 0) r = ins.keyword_range;
  return r;
}

Range Cmd::range(size_t i) const {
  if (!fixed.empty()) return i < fixed.size() ? fixed[i] : whole();
  if (!ins) return {};
  if (i >= spans.size()) return whole();
  return script_range(*ins, spans[i].first, spans[i].second);
}

Range Cmd::whole() const {
  if (!ins) return {};
  if (ins->exec_form) {
    if (script_word >= 0 && !fixed.empty()) return fixed.front();
    return ins->args_range;
  }
  return script_range(*ins, begin, end);
}

void Cmd::append(std::string word, const Range& r) {
  if (fixed.empty() && !ins->exec_form)
    for (size_t i = 0; i < argv.size(); ++i) fixed.push_back(range(i));
  argv.push_back(std::move(word));
  fixed.push_back(r);
  locate();  // `tini --` plus CMD words now has a program
}

namespace {

bool runs_commands(Kw k) { return k == Kw::RUN || k == Kw::CMD || k == Kw::ENTRYPOINT || k == Kw::HEALTHCHECK; }

std::vector<Cmd> build(const LintInput& in, const Instruction& ins) {
  std::vector<Cmd> out;
  if (!runs_commands(ins.kind) || !in_build(ins)) return out;
  if (ins.exec_form) {
    std::vector<std::string> argv;
    std::vector<Range> ranges;
    for (const auto& a : ins.args) {
      argv.push_back(a.text);
      ranges.push_back(a.range);
    }
    if (!argv.empty() && argv[0] == "CMD") {  // HEALTHCHECK CMD [...]
      argv.erase(argv.begin());
      ranges.erase(ranges.begin());
    }
    for (auto& k : dd::kb::exec_commands(std::move(argv))) {
      Cmd c;
      static_cast<dd::kb::Command&>(c) = std::move(k);
      c.ins = &ins;
      if (c.script_word >= 0)
        c.fixed.assign(c.argv.size(), ranges[static_cast<size_t>(c.script_word)]);
      else
        c.fixed = ranges;
      out.push_back(std::move(c));
    }
    return out;
  }
  for (auto& k : dd::kb::shell_commands(in.script(ins))) {
    Cmd c;
    static_cast<dd::kb::Command&>(c) = std::move(k);
    c.ins = &ins;
    out.push_back(std::move(c));
  }
  if (ins.kind == Kw::HEALTHCHECK && !out.empty() && out[0].argv[0] == "CMD") {
    Cmd& c = out[0];
    c.argv.erase(c.argv.begin());
    c.spans.erase(c.spans.begin());
    c.locate();
    if (c.argv.empty()) out.erase(out.begin());
  }
  return out;
}

}  // namespace

const std::vector<Cmd>& instruction_commands(const LintInput& in, const Instruction& ins) {
  static const char tag = 0;
  return in.memo<std::vector<Cmd>>(&tag, ins, [&] { return build(in, ins); });
}

bool in_build(const Instruction& ins) { return ins.stage >= 0 || ins.kind == Kw::ARG; }

const Instruction* run_of(const Instruction& ins) {
  if (!in_build(ins)) return nullptr;
  if (ins.kind == Kw::RUN) return &ins;
  if (ins.kind == Kw::ONBUILD && ins.child && ins.child->kind == Kw::RUN) return ins.child.get();
  return nullptr;
}

bool is_trigger(const Dockerfile& df, const Instruction& ins) {
  if (ins.index >= df.instructions.size()) return false;
  const auto& at = df.instructions[ins.index];
  return at.kind == Kw::ONBUILD && at.child.get() == &ins;
}

const std::vector<Cmd>& commands(const LintInput& in, const Instruction& ins) {
  static const std::vector<Cmd> none;
  const Instruction* run = run_of(ins);
  if (!run || run->exec_form) return none;
  return instruction_commands(in, *run);
}

void mark_trigger(const Dockerfile& df, Finding& f) {
  if (f.location.line <= 0) return;
  for (const auto& ins : df.instructions) {
    if (ins.kind != Kw::ONBUILD || !ins.child || ins.child->kind != Kw::RUN) continue;
    const Range& r = ins.child->range;
    if (f.location.line < r.begin.line || f.location.line > r.end.line) continue;
    if (f.location.line == r.begin.line && f.location.column < r.begin.column) continue;  // on ONBUILD itself
    int line = ins.range.begin.line;
    f.message += " (ONBUILD trigger on line " + std::to_string(line) +
                 ": this RUN runs in every build FROM this image, not in this one)";
    Related rel;
    rel.location.file = df.path;
    rel.location.line = line;
    rel.location.column = ins.keyword_range.begin.column;
    rel.message = "ONBUILD: runs in every child build";
    f.related.push_back(std::move(rel));
    return;
  }
}

std::vector<Cmd> run_commands(const LintInput& in) {
  std::vector<Cmd> out;
  for (const auto& ins : in.df.instructions) {
    const auto& c = commands(in, ins);
    out.insert(out.end(), c.begin(), c.end());
  }
  return out;
}

}  // namespace dd::dockerfile
