#pragma once
// Reading instructions: RUN text, mounts, ranges of
// the args text. (What is in force for the image: StageGraph::final_in_force.)
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>
#include "knowledge/ecosystems.h"
#include "knowledge/eol.h"
#include "knowledge/image_ref.h"
#include "knowledge/images.h"
#include "knowledge/packages.h"
#include "knowledge/programs.h"
#include "core/text.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile::inc {

// The shell text of a RUN, heredoc bodies included.
inline std::string run_text(const Instruction& ins) {
  std::string s = ins.args_text;
  for (const auto& h : ins.heredocs) s += "\n" + h.body;
  return s;
}

// True when the text of the instruction (arguments and heredoc bodies)
// contains one of `words`: a cheap superset test that lets a rule skip the
// instructions that cannot run the programs it looks for.
inline bool mentions(const Instruction& ins, std::initializer_list<std::string_view> words) {
  auto in = [&](std::string_view t) {
    for (auto w : words)
      if (t.find(w) != std::string_view::npos) return true;
    return false;
  };
  if (in(ins.args_text)) return true;
  for (const auto& h : ins.heredocs)
    if (in(h.body)) return true;
  return false;
}

inline bool has_mount(const Instruction& ins, std::string_view type) {
  for (const auto& f : ins.flags)
    if (f.name == "mount"sv && (text::contains(f.value, std::string("type=") + std::string(type))))
      return true;
  return false;
}

// Range of [b, e) in the args text of an instruction (or its whole first
// line when the map is empty).
inline Range args_range(const Instruction& ins, size_t b, size_t e) {
  if (ins.args_map.empty() || b >= ins.args_text.size()) return ins.keyword_range;
  return ins.args_map.range(b, std::min(e, ins.args_text.size()));
}

inline std::string on_line(int line) { return "line " + std::to_string(line); }

}  // namespace dd::dockerfile::inc
