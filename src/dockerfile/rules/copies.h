#pragma once
// COPY/ADD sources as written.
#include <vector>
#include "dockerfile/ast.h"

namespace dd::dockerfile::inc {

// COPY/ADD sources (every argument but the last), skipping heredoc COPYs.
inline std::vector<const Arg*> copy_sources(const Instruction& ins) {
  std::vector<const Arg*> out;
  if ((ins.kind != Kw::COPY && ins.kind != Kw::ADD) || ins.args.size() < 2) return out;
  for (size_t i = 0; i + 1 < ins.args.size(); ++i)
    if (ins.args[i].text.rfind("<<", 0) != 0) out.push_back(&ins.args[i]);
  return out;
}
inline bool copies_from_stage(const Instruction& ins) { return ins.flag("from") != nullptr; }

}  // namespace dd::dockerfile::inc
