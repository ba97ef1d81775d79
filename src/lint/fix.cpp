#include "lint/fix.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "lint/lint.h"

namespace dd::lint {
namespace {

std::vector<size_t> line_starts(std::string_view t) {
  std::vector<size_t> s{0};
  for (size_t i = 0; i < t.size(); ++i)
    if (t[i] == '\n') s.push_back(i + 1);
  return s;
}

size_t offset_of(const std::vector<size_t>& starts, std::string_view t, dockerfile::Pos p) {
  if (p.line < 1) return 0;
  if (static_cast<size_t>(p.line) > starts.size()) return t.size();
  size_t off = starts[p.line - 1] + static_cast<size_t>(std::max(p.column, 1) - 1);
  return std::min(off, t.size());
}

std::vector<std::string_view> split_lines(std::string_view t) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < t.size()) {
    size_t nl = t.find('\n', pos);
    if (nl == std::string_view::npos) nl = t.size() - 1;
    out.push_back(t.substr(pos, nl - pos + 1));
    pos = nl + 1;
  }
  return out;
}

}  // namespace

std::string apply_edits(std::string_view text, std::vector<dockerfile::Edit> edits) {
  auto starts = line_starts(text);
  struct E {
    size_t b, e;
    std::string t;
  };
  std::vector<E> es;
  for (auto& ed : edits) {
    size_t b = offset_of(starts, text, ed.range.begin), e = offset_of(starts, text, ed.range.end);
    if (e < b) e = b;
    es.push_back({b, e, std::move(ed.text)});
  }
  std::stable_sort(es.begin(), es.end(), [](const E& a, const E& b) { return a.b < b.b; });
  std::string out;
  size_t pos = 0;
  for (auto& e : es) {
    if (e.b < pos) continue;  // overlaps an earlier edit
    out.append(text.substr(pos, e.b - pos));
    out.append(e.t);
    pos = e.e;
  }
  out.append(text.substr(pos));
  return out;
}

std::string unified_diff(std::string_view before, std::string_view after, const std::string& path) {
  if (before == after) return {};
  auto a = split_lines(before), b = split_lines(after);
  const size_t n = a.size(), m = b.size();
  // ops: 0 equal, 1 delete (from a), 2 insert (from b)
  std::vector<std::pair<int, size_t>> ops;
  if (n * m <= 16'000'000) {
    std::vector<std::vector<uint32_t>> L(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;) L[i][j] = a[i] == b[j] ? L[i + 1][j + 1] + 1 : std::max(L[i + 1][j], L[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] == b[j]) ops.push_back({0, i++}), ++j;
      else if (j < m && (i == n || L[i][j + 1] > L[i + 1][j])) ops.push_back({2, j++});
      else ops.push_back({1, i++});
    }
  } else {
    for (size_t i = 0; i < n; ++i) ops.push_back({1, i});
    for (size_t j = 0; j < m; ++j) ops.push_back({2, j});
  }
  // git-style headers: "a/dir/Dockerfile", never "a/./dir" or "a//abs/path".
  std::string shown = std::filesystem::path(path).lexically_normal().relative_path().string();
  std::string out = "--- a/" + shown + "\n+++ b/" + shown + "\n";
  const size_t ctx = 3;
  size_t k = 0;
  while (k < ops.size()) {
    while (k < ops.size() && ops[k].first == 0) ++k;
    if (k == ops.size()) break;
    size_t start = k >= ctx ? k - ctx : 0;
    size_t end = k;
    // Extend the hunk while changes are within 2*ctx of each other.
    for (size_t q = k; q < ops.size(); ++q) {
      if (ops[q].first != 0) end = q + 1;
      else if (q - end >= 2 * ctx) break;
    }
    size_t stop = std::min(ops.size(), end + ctx);
    // Line numbers of the hunk.
    size_t a_line = 1, b_line = 1;
    for (size_t q = 0; q < start; ++q) {
      if (ops[q].first != 2) ++a_line;
      if (ops[q].first != 1) ++b_line;
    }
    size_t a_cnt = 0, b_cnt = 0;
    std::string body;
    auto emit = [&](char sign, std::string_view l) {
      body += sign;
      body.append(l);
      if (l.empty() || l.back() != '\n') body += "\n\\ No newline at end of file\n";
    };
    for (size_t q = start; q < stop; ++q) {
      auto [op, idx] = ops[q];
      if (op == 0) emit(' ', a[idx]), ++a_cnt, ++b_cnt;
      else if (op == 1) emit('-', a[idx]), ++a_cnt;
      else emit('+', b[idx]), ++b_cnt;
    }
    out += "@@ -" + std::to_string(a_cnt ? a_line : a_line - 1) + "," + std::to_string(a_cnt) + " +" +
           std::to_string(b_cnt ? b_line : b_line - 1) + "," + std::to_string(b_cnt) + " @@\n" + body;
    k = stop;
  }
  return out;
}

std::string fix_text(std::string text, const std::string& path, const context::BuildContext* ctx,
                     const Config& config, int max_passes) {
  for (int pass = 0; pass < max_passes; ++pass) {
    auto res = lint_text(text, path, ctx, config);
    if (res.edits.empty()) break;
    std::string next = apply_edits(text, std::move(res.edits));
    if (next == text) break;
    text = std::move(next);
  }
  return text;
}

void write_file(const std::filesystem::path& file, std::string_view content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(file.string() + ": cannot write");
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw InputError(file.string() + ": write failed");
}

std::string append_lines(std::string_view before, const std::vector<std::string>& lines) {
  std::string out(before);
  std::vector<std::string> have;
  for (const auto& l : split_lines(before)) {
    std::string t(l);
    while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ' || t.back() == '\t')) t.pop_back();
    have.push_back(t);
  }
  auto listed = [](const std::vector<std::string>& v, const std::string& l) {
    return std::find(v.begin(), v.end(), l) != v.end();
  };
  for (const auto& l : lines) {
    if (l.empty() || listed(have, l)) continue;
    // "**/.env" also matches ".env" at the root: one line is enough.
    if (l.rfind("**/", 0) != 0 && (listed(have, "**/" + l) || listed(lines, "**/" + l))) continue;
    if (!out.empty() && out.back() != '\n') out += '\n';
    out += l + "\n";
    have.push_back(l);
  }
  return out;
}

}  // namespace dd::lint
