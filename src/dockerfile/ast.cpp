#include "dockerfile/ast.h"

#include <algorithm>

namespace dd::dockerfile {

Pos SourceMap::at(size_t offset) const {
  if (segs_.empty()) return {};
  if (segs_.size() == 1 || offset >= segs_.back().offset) {  // most instructions are one line
    const Seg& s = offset >= segs_.back().offset ? segs_.back() : segs_.front();
    if (offset >= s.offset) return {s.pos.line, s.pos.column + static_cast<int>(offset - s.offset)};
  }
  auto it = std::upper_bound(segs_.begin(), segs_.end(), offset,
                             [](size_t off, const Seg& s) { return off < s.offset; });
  if (it == segs_.begin()) return segs_.front().pos;
  --it;
  return {it->pos.line, it->pos.column + static_cast<int>(offset - it->offset)};
}

Range SourceMap::range(size_t begin, size_t end) const {
  Range r{at(begin), at(end > begin ? end - 1 : begin)};
  if (end > begin) r.end.column += 1;
  return r;
}

Pos SourceMap::at(size_t offset, size_t& hint) const {
  if (segs_.empty()) return {};
  if (hint >= segs_.size() || segs_[hint].offset > offset) return at(offset);
  while (hint + 1 < segs_.size() && segs_[hint + 1].offset <= offset) ++hint;
  const Seg& s = segs_[hint];
  return {s.pos.line, s.pos.column + static_cast<int>(offset - s.offset)};
}

Range SourceMap::range(size_t begin, size_t end, size_t& hint) const {
  Range r{at(begin, hint), at(end > begin ? end - 1 : begin, hint)};
  if (end > begin) r.end.column += 1;
  return r;
}

void SourceMap::append(const SourceMap& other, size_t offset) {
  for (const auto& s : other.segs_) segs_.push_back({s.offset + offset, s.pos});
}

SourceMap Instruction::script_map() const {
  SourceMap m = args_map;
  size_t off = args_text.size();
  for (const auto& h : heredocs) {
    Pos nl = args_map.at(off > 0 ? off - 1 : 0);
    if (off > 0) nl.column += 1;
    m.add(off, nl);
    m.append(h.body_map, off + 1);
    off += 1 + h.body.size();
  }
  return m;
}

const Flag* Instruction::flag(std::string_view name) const {
  for (const auto& f : flags)
    if (f.name == name) return &f;
  return nullptr;
}

const Stage* Dockerfile::stage_named(std::string_view s) const {
  for (const auto& st : stages)
    if (!st.name.empty() && st.name == s) return &st;
  bool digits = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits && s.size() < 6) {
    size_t i = std::stoul(std::string(s));
    if (i < stages.size()) return &stages[i];
  }
  return nullptr;
}

}  // namespace dd::dockerfile

namespace dd::dockerfile {

std::string line_text(const Dockerfile& df, int line) {
  if (line < 1 || static_cast<size_t>(line) > df.lines.size()) return {};
  std::string s = df.lines[line - 1];
  size_t a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  s.erase(0, a);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\\' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace dd::dockerfile
