#pragma once
// The stage graph, answered in one place: which stages ship (the final
// stage's FROM chain), the chain of a stage, its root and base image, and the
// SHELL, USER and WORKDIR in force at an instruction, inherited through
// `FROM <stage>` as BuildKit does. Computed once per file (stage_graph(in)).
#include <string>
#include <vector>

#include "dockerfile/ast.h"
#include "knowledge/image_ref.h"

namespace dd::dockerfile {

class LintInput;

// The stages whose layers an image built from `s` carries: `s` and the stages
// it is built FROM, root first.
std::vector<const Stage*> stage_chain(const Dockerfile& df, const Stage* s);
// The stage's instructions, FROM included.
std::vector<const Instruction*> stage_instructions(const Dockerfile& df, const Stage& st);
std::vector<const Instruction*> chain_instructions(const Dockerfile& df, const std::vector<const Stage*>& chain);
// The stage a chain starts from (following FROM <stage>); null when a link is broken.
const Stage* root_stage(const Dockerfile& df, const Stage& st);
// True when stage `idx` ships: it is the last stage or an ancestor of it.
bool stage_ships(const Dockerfile& df, int idx);
// True when the stage's chain starts FROM scratch (no inherited environment).
bool rooted_in_scratch(const Dockerfile& df, int stage);
// The external image the chain starts from.
dd::kb::ImageRef chain_base(const std::vector<const Stage*>& chain);

class StageGraph {
 public:
  explicit StageGraph(const Dockerfile& df);

  const std::vector<const Stage*>& chain(int stage) const;  // root first; empty for no stage
  const std::vector<const Stage*>& final_chain() const { return final_chain_; }
  const std::vector<const Instruction*>& final_instructions() const { return final_instructions_; }
  bool ships(int stage) const;
  const Stage* root(int stage) const;
  bool from_scratch(int stage) const;
  dd::kb::ImageRef base(int stage) const { return chain_base(chain(stage)); }

  // The last instruction of `kind` in force when `ins` runs: earlier in its
  // stage, else anywhere in the stages it is built FROM. Null when none.
  const Instruction* in_force(const Instruction& ins, Kw kind) const;
  const Instruction* shell_at(const Instruction& ins) const { return in_force(ins, Kw::SHELL); }
  const Instruction* user_at(const Instruction& ins) const { return in_force(ins, Kw::USER); }
  // The last instruction of `kind` of the final stage's chain: what the
  // image runs with (its USER, SHELL, WORKDIR). Null when none.
  const Instruction* final_in_force(Kw kind) const;
  // The USER the image runs as, null when the Dockerfile sets none.
  const Instruction* user() const { return final_in_force(Kw::USER); }
  // The WORKDIR in force when `ins` runs, relative WORKDIRs joined, "/" when
  // none (values as written; callers expand them with their scope).
  std::vector<const Instruction*> workdirs_at(const Instruction& ins) const;
  // That WORKDIR as one clean absolute path, each value expanded in its scope.
  std::string workdir(const LintInput& in, const Instruction& ins) const;

 private:
  const Dockerfile& df_;
  std::vector<std::vector<const Stage*>> chains_;
  std::vector<char> ships_;
  std::vector<const Stage*> final_chain_;
  std::vector<const Instruction*> final_instructions_;
};

// Computed once per file and shared by every rule.
const StageGraph& stage_graph(const LintInput& in);
const std::vector<const Stage*>& final_chain(const LintInput& in);
const std::vector<const Instruction*>& final_instructions(const LintInput& in);

}  // namespace dd::dockerfile
