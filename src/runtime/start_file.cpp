#include "runtime/start_file.h"

#include <cstring>

namespace dd::runtime {

namespace {

uint64_t le(std::string_view s, size_t off, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(s[off + i])) << (8 * i);
  return v;
}

// PT_INTERP of a little-endian ELF whose program headers lie in `head`.
std::string elf_interpreter(std::string_view h) {
  if (h.size() < 0x40 || h[5] != 1) return {};  // little-endian only (x86, arm64)
  bool is64 = h[4] == 2;
  uint64_t phoff = is64 ? le(h, 0x20, 8) : le(h, 0x1C, 4);
  uint64_t phentsize = is64 ? le(h, 0x36, 2) : le(h, 0x2A, 2);
  uint64_t phnum = is64 ? le(h, 0x38, 2) : le(h, 0x2C, 2);
  if (phentsize < (is64 ? 0x38u : 0x20u) || phnum > 256) return {};
  for (uint64_t i = 0; i < phnum; ++i) {
    uint64_t ph = phoff + i * phentsize;
    if (ph + phentsize > h.size()) break;
    if (le(h, ph, 4) != 3) continue;  // PT_INTERP
    uint64_t off = is64 ? le(h, ph + 0x08, 8) : le(h, ph + 0x04, 4);
    uint64_t size = is64 ? le(h, ph + 0x20, 8) : le(h, ph + 0x10, 4);
    if (off >= h.size() || size == 0 || size > 4096) return {};
    std::string s(h.substr(off, std::min<uint64_t>(size, h.size() - off)));
    s.resize(std::strlen(s.c_str()));
    return s;
  }
  return {};
}

std::string join(const std::string& dir, const std::string& p) {
  if (!p.empty() && p[0] == '/') return p;
  std::string d = dir.empty() ? "/" : dir;
  return d.back() == '/' ? d + p : d + "/" + p;
}

// The directories of a PATH value, in order.
std::vector<std::string> path_dirs(std::string_view path) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= path.size()) {
    size_t e = path.find(':', b);
    if (e == std::string_view::npos) e = path.size();
    if (e > b) out.push_back(join("/", std::string(path.substr(b, e - b))));
    b = e + 1;
  }
  return out;
}

// The PATH of images that set none (Docker's default).
constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::string dir_of(const std::string& p) {
  auto s = p.rfind('/');
  return s == std::string::npos || s == 0 ? "/" : p.substr(0, s);
}

// Stat following symlinks (at most 8), so /usr/local/bin/app -> /app/run.sh works.
std::optional<engine::PathStat> resolve(engine::Client& c, const std::string& id, std::string& path) {
  for (int i = 0; i < 8; ++i) {
    auto st = c.stat_path(id, path);
    if (!st || !st->is_symlink() || st->link_target.empty()) return st;
    path = join(dir_of(path), st->link_target);
  }
  return std::nullopt;
}

}  // namespace

std::string interpreter_of(std::string_view head, bool* script, bool* elf) {
  if (script) *script = head.starts_with("#!");
  if (elf) *elf = head.starts_with("\x7f" "ELF");
  if (head.starts_with("#!")) {
    std::string_view line = head.substr(2, head.find('\n') == std::string_view::npos ? head.npos : head.find('\n') - 2);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    size_t end = line.find_first_of(" \t");
    return std::string(line.substr(0, end));
  }
  if (head.starts_with("\x7f" "ELF")) return elf_interpreter(head);
  return {};
}

void read_start_file(engine::Client& client, ContainerState& s) {
  if (s.running || s.id.empty()) return;
  const auto& argv = !s.entrypoint.empty() ? s.entrypoint : s.cmd;
  if (argv.empty() || argv[0].empty()) return;
  std::vector<std::string> candidates;
  if (argv[0].find('/') != std::string::npos) {
    candidates.push_back(join(s.working_dir, argv[0]));
  } else {
    auto v = s.env_value("PATH");
    for (const auto& dir : path_dirs(v ? std::string_view(*v) : kDefaultPath)) candidates.push_back(dir + "/" + argv[0]);
  }
  try {
    StartFile f;
    for (auto p : candidates) {
      auto st = resolve(client, s.id, p);
      if (!st || st->is_dir()) continue;
      f.path = p;
      f.exists = true;
      f.mode = st->mode & 07777;
      break;
    }
    if (!f.exists) {
      f.path = candidates.empty() ? argv[0] : candidates.front();
      s.start_file = f;
      return;
    }
    f.head = client.read_file_start(s.id, f.path, 4096).value_or("");
    f.interpreter = interpreter_of(f.head, &f.script, &f.elf);
    if (f.script && (f.interpreter == "/usr/bin/env" || f.interpreter == "/bin/env")) {
      // #!/usr/bin/env bash: the program env looks up in PATH is what must exist.
      std::string_view line = std::string_view(f.head).substr(0, f.head.find('\n'));
      size_t at = line.find("env");
      std::string_view rest = line.substr(at + 3);
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
      while (rest.starts_with("-")) {  // env -S, env -i
        size_t sp = rest.find(' ');
        rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      }
      std::string prog(rest.substr(0, rest.find_first_of(" \t")));
      if (!prog.empty() && prog.find('\r') == std::string::npos) {
        f.interpreter = prog;
        f.interpreter_exists = false;
        for (const auto& dir : path_dirs(kDefaultPath)) {
          std::string ip = dir + "/" + prog;
          if (resolve(client, s.id, ip)) {
            f.interpreter_exists = true;
            break;
          }
        }
      } else if (!prog.empty()) {
        f.interpreter = prog;
        f.interpreter_exists = false;
      }
    } else if (!f.interpreter.empty()) {
      std::string ip = f.interpreter;
      f.interpreter_exists = ip.find('\r') == std::string::npos && ip[0] == '/' && resolve(client, s.id, ip).has_value();
    }
    s.start_file = std::move(f);
  } catch (const InputError&) {
    // The archive endpoint is optional evidence; never fail the diagnosis on it.
  }
}

}  // namespace dd::runtime
