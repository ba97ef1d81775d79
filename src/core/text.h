#pragma once
// Text shown to users: shortened at a word boundary, never mid-word, and
// free of raw tabs (fix texts are pasted into files and terminals).
#include <string>
#include <string_view>

namespace dd::text {

// ASCII lower case (names, tags, keywords; never locale-dependent).
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The last path component, trailing slashes ignored: "/usr/bin/" -> "bin".
// A view into `path`.
inline std::string_view basename(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  size_t s = p.rfind('/');
  return s == std::string_view::npos ? p : p.substr(s + 1);
}

// Without the blanks (space, tab, CR) at either end.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

inline bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// `s` when it fits in `max` characters; otherwise cut at the last blank
// before the limit (or, for one long word, before the limit at a
// punctuation mark), with " ..." appended. Never cuts inside a UTF-8 sequence.
inline std::string clip(std::string_view s, size_t max) {
  if (s.size() <= max) return std::string(s);
  size_t cut = max;
  size_t blank = s.find_last_of(" \t\n", cut);
  if (blank != std::string_view::npos && blank > max / 2) {
    cut = blank;
  } else {
    size_t punct = s.find_last_of("/,;:=&|", cut);
    if (punct != std::string_view::npos && punct > max / 2) cut = punct + 1;
  }
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  std::string out(s.substr(0, cut));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\n')) out.pop_back();
  return out + " ...";
}

// Tabs as spaces: a run of blanks that holds a tab becomes one space, so
// "a \t\tb" (a continuation line's indent joined into one line) reads "a b"
// and an indent at a line start becomes four spaces.
inline std::string untab(std::string_view s) {
  if (s.find('\t') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (s[i] != ' ' && s[i] != '\t') {
      out += s[i++];
      continue;
    }
    size_t j = i;
    bool tab = false;
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) tab |= s[j++] == '\t';
    bool line_start = i == 0 || s[i - 1] == '\n';
    if (!tab) out.append(s.substr(i, j - i));
    else out += line_start ? "    " : " ";
    i = j;
  }
  return out;
}

}  // namespace dd::text
