#include "dockerfile/stages.h"

#include <algorithm>
#include <cctype>

#include "core/glob.h"
#include "dockerfile/expand.h"
#include "dockerfile/rule.h"

namespace dd::dockerfile {

std::vector<const Stage*> stage_chain(const Dockerfile& df, const Stage* s) {
  std::vector<const Stage*> out;
  for (int guard = 0; s && guard < 64; ++guard) {
    out.insert(out.begin(), s);
    if (!s->base_stage) break;
    int b = *s->base_stage;
    if (b < 0 || b >= s->index || static_cast<size_t>(b) >= df.stages.size()) break;
    s = &df.stages[static_cast<size_t>(b)];
  }
  return out;
}

std::vector<const Instruction*> stage_instructions(const Dockerfile& df, const Stage& st) {
  std::vector<const Instruction*> out;
  for (size_t i : st.instructions)
    if (i < df.instructions.size()) out.push_back(&df.instructions[i]);
  return out;
}

std::vector<const Instruction*> chain_instructions(const Dockerfile& df, const std::vector<const Stage*>& chain) {
  std::vector<const Instruction*> out;
  for (const Stage* s : chain)
    for (size_t i : s->instructions)
      if (i < df.instructions.size()) out.push_back(&df.instructions[i]);
  return out;
}

const Stage* root_stage(const Dockerfile& df, const Stage& st) {
  const Stage* s = &st;
  for (int guard = 0; s && s->base_stage && guard < 64; ++guard) {
    int b = *s->base_stage;
    if (b < 0 || static_cast<size_t>(b) >= df.stages.size() || b >= s->index) return nullptr;
    s = &df.stages[static_cast<size_t>(b)];
  }
  return s;
}

bool stage_ships(const Dockerfile& df, int idx) {
  if (df.stages.empty()) return true;
  for (const Stage* s : stage_chain(df, df.final_stage()))
    if (s->index == idx) return true;
  return false;
}

bool rooted_in_scratch(const Dockerfile& df, int stage) {
  if (stage < 0 || static_cast<size_t>(stage) >= df.stages.size()) return false;
  const Stage* r = root_stage(df, df.stages[static_cast<size_t>(stage)]);
  if (!r || r->base_stage) return false;
  std::string b = r->base_expanded;
  for (auto& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return b == "scratch";
}

dd::kb::ImageRef chain_base(const std::vector<const Stage*>& chain) {
  if (chain.empty()) return {};
  const Stage* root = chain.front();
  return dd::kb::parse_image(root->base_expanded.empty() ? root->base : root->base_expanded);
}

StageGraph::StageGraph(const Dockerfile& df) : df_(df) {
  chains_.reserve(df.stages.size());
  for (const auto& s : df.stages) chains_.push_back(stage_chain(df, &s));
  ships_.assign(df.stages.size(), 0);
  if (const Stage* f = df.final_stage()) {
    final_chain_ = chains_[static_cast<size_t>(f->index)];
    for (const Stage* s : final_chain_) ships_[static_cast<size_t>(s->index)] = 1;
  }
  final_instructions_ = chain_instructions(df, final_chain_);
}

const std::vector<const Stage*>& StageGraph::chain(int stage) const {
  static const std::vector<const Stage*> none;
  return stage >= 0 && static_cast<size_t>(stage) < chains_.size() ? chains_[static_cast<size_t>(stage)] : none;
}

bool StageGraph::ships(int stage) const {
  if (df_.stages.empty()) return true;
  return stage >= 0 && static_cast<size_t>(stage) < ships_.size() && ships_[static_cast<size_t>(stage)];
}

const Stage* StageGraph::root(int stage) const {
  if (stage < 0 || static_cast<size_t>(stage) >= df_.stages.size()) return nullptr;
  return root_stage(df_, df_.stages[static_cast<size_t>(stage)]);
}

bool StageGraph::from_scratch(int stage) const { return rooted_in_scratch(df_, stage); }

const Instruction* StageGraph::in_force(const Instruction& ins, Kw kind) const {
  const auto& c = chain(ins.stage);
  for (auto it = c.rbegin(); it != c.rend(); ++it) {
    const Instruction* found = nullptr;
    for (size_t i : (*it)->instructions) {
      if (i >= df_.instructions.size()) continue;
      if ((*it)->index == ins.stage && i >= ins.index) break;
      if (df_.instructions[i].kind == kind) found = &df_.instructions[i];
    }
    if (found) return found;
  }
  return nullptr;
}

const Instruction* StageGraph::final_in_force(Kw kind) const {
  for (auto it = final_instructions_.rbegin(); it != final_instructions_.rend(); ++it)
    if ((*it)->kind == kind) return *it;
  return nullptr;
}

std::vector<const Instruction*> StageGraph::workdirs_at(const Instruction& ins) const {
  std::vector<const Instruction*> out;
  for (const Stage* s : chain(ins.stage))
    for (size_t i : s->instructions) {
      if (i >= df_.instructions.size()) continue;
      if (s->index == ins.stage && i >= ins.index) break;
      const Instruction& w = df_.instructions[i];
      if (w.kind != Kw::WORKDIR || w.args.empty()) continue;
      if (!w.args.front().text.empty() && w.args.front().text.front() == '/') out.clear();
      out.push_back(&w);
    }
  return out;
}

std::string StageGraph::workdir(const LintInput& in, const Instruction& ins) const {
  std::string wd = "/";
  for (const Instruction* w : workdirs_at(ins)) {
    std::string v = expand(w->args.front().text, in.scope(*w), in.df.escape).value;
    wd = clean_path(!v.empty() && v.front() == '/' ? v : wd + "/" + v);
  }
  return wd;
}

const StageGraph& stage_graph(const LintInput& in) {
  static const char tag = 0;
  return in.memo<StageGraph>(&tag, [&] { return StageGraph(in.df); });
}

const std::vector<const Stage*>& final_chain(const LintInput& in) { return stage_graph(in).final_chain(); }
const std::vector<const Instruction*>& final_instructions(const LintInput& in) {
  return stage_graph(in).final_instructions();
}

}  // namespace dd::dockerfile
