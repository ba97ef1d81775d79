#include "dockerfile/rule.h"

#include "core/text.h"
#include "dockerfile/command.h"

#include <algorithm>
#include <map>

namespace dd::dockerfile {

std::string script_text(const Instruction& ins) {
  // A RUN with heredocs runs each body as a script; the args text holds the
  // command line that feeds them (e.g. `bash <<EOF`).
  std::string s = ins.args_text;
  if (ins.kind == Kw::RUN && !ins.exec_form)
    for (const auto& h : ins.heredocs) s += "\n" + h.body;
  return s;
}

struct LintInput::Cache {
  std::vector<std::unique_ptr<shell::Script>> scripts;  // by instruction index
  std::map<const Instruction*, std::unique_ptr<shell::Script>> extra_scripts;  // ONBUILD children
  std::vector<Vars> scopes;  // by instruction index
  bool scopes_done = false;
  std::vector<std::unique_ptr<Vars>> extra_scopes;
  // Per instruction (by index; ONBUILD children in the map), a short list of
  // (tag, value): a handful of tags, so a linear scan beats any tree.
  using Slots = std::vector<std::pair<const void*, std::shared_ptr<void>>>;
  std::vector<Slots> memo;
  std::map<const Instruction*, Slots> extra_memo;
  Slots file_memo;
};

LintInput::LintInput(const Dockerfile& d, const context::BuildContext* ctx, const Config& cfg)
    : df(d), context(ctx), config(cfg), core(cfg), cache_(std::make_unique<Cache>()) {}
LintInput::~LintInput() = default;

const shell::Script& LintInput::script(const Instruction& ins) const {
  auto& v = cache_->scripts;
  if (v.size() < df.instructions.size()) v.resize(df.instructions.size());
  bool own = ins.index < v.size() && &df.instructions[ins.index] == &ins;
  auto& slot = own ? v[ins.index] : cache_->extra_scripts[&ins];
  // Only these run a shell; other instructions have no script.
  bool runs = ins.kind == Kw::RUN || ins.kind == Kw::CMD || ins.kind == Kw::ENTRYPOINT || ins.kind == Kw::HEALTHCHECK;
  if (!slot)
    slot = std::make_unique<shell::Script>(ins.exec_form || !runs ? shell::Script{} : shell::parse(script_text(ins)));
  return *slot;
}

std::shared_ptr<void>& LintInput::memo_slot(const void* tag, const Instruction& ins) const {
  auto& m = cache_->memo;
  if (m.size() < df.instructions.size()) m.resize(df.instructions.size());
  bool own = ins.index < m.size() && &df.instructions[ins.index] == &ins;
  auto& slots = own ? m[ins.index] : cache_->extra_memo[&ins];
  for (auto& [t, v] : slots)
    if (t == tag) return v;
  if (slots.empty()) slots.reserve(4);  // a handful of kinds per instruction: one allocation
  return slots.emplace_back(tag, nullptr).second;
}

std::shared_ptr<void>& LintInput::file_slot(const void* tag) const {
  for (auto& [t, v] : cache_->file_memo)
    if (t == tag) return v;
  if (cache_->file_memo.empty()) cache_->file_memo.reserve(16);
  return cache_->file_memo.emplace_back(tag, nullptr).second;
}

std::vector<std::string> LintInput::argv(const Instruction& ins) const {
  std::vector<std::string> out;
  if (ins.exec_form) {
    for (const auto& a : ins.args) out.push_back(a.text);
    return out;
  }
  const auto& s = script(ins);
  if (!s.commands.empty())
    for (const auto& w : s.commands.front().argv) out.push_back(w.value);
  return out;
}

const Vars& LintInput::scope(const Instruction& ins) const {
  auto& v = cache_->scopes;
  if (!cache_->scopes_done) {
    v = all_scopes(df);
    cache_->scopes_done = true;
  }
  if (ins.index >= v.size() || &df.instructions[ins.index] != &ins) {
    // Not one of this file's instructions (an ONBUILD child): compute it.
    cache_->extra_scopes.push_back(std::make_unique<Vars>(scope_at(df, ins.index)));
    return *cache_->extra_scopes.back();
  }
  return v[ins.index];
}

Finding LintInput::at(const Range& r, std::string message, std::string evidence) const {
  Finding f;
  f.location.file = df.path;
  f.location.line = r.begin.line;
  f.location.column = r.begin.column;
  f.location.end_line = r.end.line;
  f.location.end_column = r.end.column;
  f.message = std::move(message);
  if (evidence.empty() && r.begin.line >= 1 && static_cast<size_t>(r.begin.line) <= df.lines.size())
    evidence = df.lines[r.begin.line - 1];
  // Trim the evidence to one readable line.
  while (!evidence.empty() && (evidence.back() == ' ' || evidence.back() == '\t' || evidence.back() == '\\'))
    evidence.pop_back();
  size_t first = evidence.find_first_not_of(" \t");
  if (first != std::string::npos && first > 0) evidence.erase(0, first);
  evidence = text::clip(evidence, 300);
  f.evidence = std::move(evidence);
  mark_trigger(df, f);
  return f;
}

Finding LintInput::at(const Instruction& ins, std::string message, std::string evidence) const {
  Range r = ins.range;
  if (r.end.line != r.begin.line) {
    r.end.line = r.begin.line;
    r.end.column = r.begin.line >= 1 && static_cast<size_t>(r.begin.line) <= df.lines.size()
                       ? static_cast<int>(df.lines[r.begin.line - 1].size()) + 1
                       : r.begin.column + 1;
  }
  return at(r, std::move(message), std::move(evidence));
}

// The script of a RUN with heredocs is the arguments then each body (see
// script()), so positions go through the instruction's script map.
Range LintInput::word_range(const Instruction& ins, const shell::Word& w) const {
  return ins.script_positions().range(w.begin, w.end);
}

Range LintInput::command_range(const Instruction& ins, const shell::Command& c) const {
  return ins.script_positions().range(c.begin, c.end);
}

}  // namespace dd::dockerfile
