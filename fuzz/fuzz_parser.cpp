// libFuzzer target: the Dockerfile parser, expansion and scoping must never
// crash, hang or read out of bounds, and every range must lie in the file.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dockerfile/expand.h"
#include "dockerfile/parser.h"
#include "dockerfile/shell.h"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void check_pos(const dd::dockerfile::Dockerfile& df, dd::dockerfile::Pos p) {
  check(p.line >= 0 && static_cast<size_t>(p.line) <= df.lines.size() + 1);
  check(p.column >= 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto df = dd::dockerfile::parse(text);
  // The one-pass scopes agree with the per-instruction ones.
  auto scopes = dd::dockerfile::all_scopes(df, {{"A", "1"}});
  check(scopes.size() == df.instructions.size());
  for (const auto& e : df.errors) check_pos(df, e.range.begin);
  for (const auto& ins : df.instructions) {
    check_pos(df, ins.range.begin);
    check_pos(df, ins.range.end);
    for (const auto& a : ins.args) check_pos(df, a.range.begin);
    for (const auto& f : ins.flags) check_pos(df, f.range.begin);
    for (const auto& h : ins.heredocs) check_pos(df, h.body_map.at(h.body.size()));
    check(ins.stage < static_cast<int>(df.stages.size()));
    if (ins.index < 8) check(dd::dockerfile::scope_at(df, ins.index, {{"A", "1"}}) == scopes[ins.index]);
    if (!ins.exec_form && ins.args_text.size() < 4096) dd::shell::parse(ins.args_text);
    for (const auto& kv : ins.pairs) dd::dockerfile::expand(kv.raw_value, {{"A", "x"}}, df.escape);
  }
  for (const auto& st : df.stages)
    if (st.base_stage) check(*st.base_stage < st.index);
  return 0;
}
