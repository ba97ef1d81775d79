#include "image/binaries/check.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <set>

#include "core/glob.h"
#include "core/registry.h"
#include "image/walk.h"

namespace dd::image::binaries {
namespace {

RuleInfo info(const char* id, const char* name, Category cat, const char* summary, const char* rationale,
              const char* fix) {
  RuleInfo r;
  r.id = id;
  r.name = name;
  r.domain = Domain::image;
  r.category = cat;
  r.severity = Severity::error;
  r.summary = summary;
  r.rationale = rationale;
  r.fix = fix;
  return r;
}

const bool registered = [] {
  auto& reg = Registry::instance();
  reg.add(info("DD4101", "binary-arch-mismatch", Category::arch_mismatch,
               "A binary is built for another CPU architecture than the image",
               "The kernel refuses to run it: `exec format error` at start, the container exits at once.",
               "Build the image for the binary's platform (docker buildx build --platform ...) or copy the binary built for the image's"));
  reg.add(info("DD4102", "loader-missing", Category::missing_dependency,
               "A binary's dynamic loader is not in the image",
               "Without its ELF interpreter a dynamically linked program cannot start: the shell says `not found` for a file that exists.",
               "Use a base with the right C library (a glibc binary on a debian/distroless base, a musl one on alpine) or link the binary statically"));
  reg.add(info("DD4103", "library-missing", Category::missing_dependency,
               "A shared library a binary needs is not in the image",
               "The loader stops with `error while loading shared libraries: NAME: cannot open shared object file` before main runs.",
               "Install the package that ships the library in the runtime stage, or COPY it from the build stage"));
  reg.add(info("DD4104", "entrypoint-not-found", Category::missing_dependency,
               "The ENTRYPOINT/CMD program is not in the image",
               "The container fails to start: `exec: \"NAME\": executable file not found in $PATH`.",
               "Install the program or give its absolute path in ENTRYPOINT/CMD"));
  reg.add(info("DD4105", "interpreter-missing", Category::missing_dependency,
               "A script's #! interpreter is not in the image",
               "exec of the script fails with `no such file or directory` although the script exists.",
               "Install the interpreter, fix the #! line, or run the script through an interpreter the image has"));
  return true;
}();

constexpr const char* kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::string dirname(std::string_view p) {
  size_t s = p.rfind('/');
  if (s == std::string_view::npos || s == 0) return "/";
  return std::string(p.substr(0, s));
}
std::string basename(std::string_view p) {
  size_t s = p.rfind('/');
  return std::string(s == std::string_view::npos ? p : p.substr(s + 1));
}
std::string join(std::string_view dir, std::string_view name) {
  if (dir.empty() || dir == "/") return "/" + std::string(name);
  return std::string(dir) + (dir.back() == '/' ? "" : "/") + std::string(name);
}

std::string env_value(const std::vector<std::string>& env, std::string_view name, bool* set = nullptr) {
  for (const auto& e : env) {
    if (e.size() > name.size() && e.compare(0, name.size(), name) == 0 && e[name.size()] == '=') {
      if (set) *set = true;
      return e.substr(name.size() + 1);
    }
  }
  if (set) *set = false;
  return "";
}

std::vector<std::string> split(std::string_view s, std::string_view seps) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t e = s.find_first_of(seps, start);
    if (e == std::string_view::npos) e = s.size();
    if (e > start) out.emplace_back(s.substr(start, e - start));
    start = e + 1;
  }
  return out;
}

// Whether a binary of `bin_arch` runs on an image of `image_arch`: the same,
// or the 32-bit sibling the 64-bit kernels run (i386 on amd64, arm on arm64).
bool arch_runs(std::string_view bin_arch, std::string_view image_arch) {
  if (bin_arch == image_arch) return true;
  if (image_arch == "amd64" && bin_arch == "386") return true;
  if (image_arch == "arm64" && bin_arch == "arm") return true;
  return false;
}

bool same_abi(const elf::ElfInfo& a, const elf::ElfInfo& b) {
  return a.machine == b.machine && a.bits == b.bits && a.big_endian == b.big_endian;
}

// musl's built-in names: the loader is libc and these.
bool musl_builtin(std::string_view name) {
  static const char* names[] = {"libc", "libdl", "libm", "libpthread", "librt", "libutil", "libxnet", "libresolv", "libcrypt"};
  size_t dot = name.find(".so");
  if (dot == std::string_view::npos) return false;
  std::string_view base = name.substr(0, dot);
  if (base.starts_with("libc.musl-")) return true;
  for (const char* n : names)
    if (base == n) return true;
  return false;
}

uint32_t le32(std::string_view d, size_t off) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(d[off + size_t(i)]);
  return v;
}

// A NUL-terminated string at `off` of `table`; nullopt when outside.
std::optional<std::string> cstr(std::string_view table, uint32_t off) {
  if (off >= table.size()) return std::nullopt;
  size_t e = table.find('\0', off);
  if (e == std::string_view::npos) return std::nullopt;
  return std::string(table.substr(off, e - off));
}

}  // namespace

std::optional<std::vector<std::pair<std::string, std::string>>> parse_ld_so_cache(std::string_view d) {
  // glibc's elf/cache.c and dl-cache.h. Old ("ld.so-1.7.0"): magic[11],
  // u32 nlibs, {i32 flags; u32 key, value} entries, the strings after them
  // (offsets from there); a new-format cache may follow, 8-aligned. New
  // ("glibc-ld.so.cache" "1.1"): a 48-byte header (u32 nlibs at 20), 24-byte
  // entries {i32 flags; u32 key, value, osversion; u64 hwcap}, offsets from
  // the new header.
  static constexpr std::string_view kOld = "ld.so-1.7.0", kNew = "glibc-ld.so.cache1.1";
  auto parse_new = [](std::string_view n) -> std::optional<std::vector<std::pair<std::string, std::string>>> {
    if (n.size() < 48 || n.substr(0, kNew.size()) != kNew) return std::nullopt;
    // Byte 28 names the endianness ldconfig wrote: 0 unknown (older glibc,
    // host order), 1 invalid, 2 little, 3 big.
    if (n[28] == 1 || n[28] == 3) return std::nullopt;
    uint64_t count = le32(n, 20);
    if (count > (n.size() - 48) / 24) return std::nullopt;
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(size_t(count));
    for (uint64_t i = 0; i < count; ++i) {
      size_t e = 48 + size_t(i) * 24;
      auto k = cstr(n, le32(n, e + 4)), v = cstr(n, le32(n, e + 8));
      if (!k || !v) return std::nullopt;  // cut or corrupt: not a cache to trust
      out.emplace_back(std::move(*k), std::move(*v));
    }
    return out;
  };
  if (d.size() >= 16 && d.substr(0, kOld.size()) == kOld) {
    uint64_t count = le32(d, 12);
    if (count > (d.size() - 16) / 12) return std::nullopt;
    size_t strings = 16 + size_t(count) * 12;
    size_t next = (strings + 7) & ~size_t(7);
    if (next < d.size())
      if (auto n = parse_new(d.substr(next))) return n;
    std::string_view table = d.substr(strings);
    std::vector<std::pair<std::string, std::string>> out;
    for (uint64_t i = 0; i < count; ++i) {
      size_t e = 16 + size_t(i) * 12;
      auto k = cstr(table, le32(d, e + 4)), v = cstr(table, le32(d, e + 8));
      if (!k || !v) return std::nullopt;
      out.emplace_back(std::move(*k), std::move(*v));
    }
    return out;
  }
  return parse_new(d);
}

namespace {

class Checker {
 public:
  explicit Checker(const Inputs& in) : in_(in), fs_(*in.fs), cfg_(*in.config) {
    arch_ = cfg_.platform.arch;
    bool set = false;
    std::string ld = env_value(cfg_.env, "LD_LIBRARY_PATH", &set);
    if (set) ld_library_path_ = split(ld, ":;");
  }

  std::vector<Finding> run() {
    // Targets: ENTRYPOINT/CMD first (their findings are errors), then PATH.
    std::vector<std::string> argv = cfg_.entrypoint;
    argv.insert(argv.end(), cfg_.cmd.begin(), cfg_.cmd.end());
    if (!argv.empty()) check_start(argv);
    for (const auto& dir : path_dirs(cfg_.env)) {
      auto rdir = fs_.resolve(dir);
      if (!rdir) continue;
      for (const auto& name : fs_.list(*rdir)) {
        auto real = real_path(join(*rdir, name));
        if (!real || !in_.elves->count(*real)) continue;
        check_binary(*real, join(dir, name), Severity::warning);
      }
    }
    // Native extensions of Python and Node.
    for (const auto& [path, e] : *in_.elves) {
      bool ext = (path.find("/site-packages/") != std::string::npos || path.find("/dist-packages/") != std::string::npos ||
                  path.find("/node_modules/") != std::string::npos) &&
                 (path.ends_with(".so") || path.ends_with(".node") || path.find(".so.") != std::string::npos);
      if (ext && e.type == 3 /* ET_DYN */) check_binary(path, path, Severity::warning, /*library=*/true);
    }
    return std::move(out_);
  }

 private:
  // resolve(), then a hard link to the file it links (the walk keeps the
  // contents, and so the ELF, under the first name).
  std::optional<std::string> real_path(std::string_view p) const {
    auto r = fs_.resolve(p);
    if (!r) return r;
    auto st = fs_.stat(*r);
    if (st && st->type == FileType::hardlink && !st->link_target.empty()) {
      auto t = fs_.resolve(st->link_target);
      if (t) return t;
    }
    return r;
  }

  void add(const char* rule, Severity sev, const std::string& path, std::string title, std::string message,
           std::string root_cause, std::string fix, std::string evidence = "") {
    Finding f;
    f.rule = rule;
    f.severity = sev;
    f.title = std::move(title);
    f.message = std::move(message);
    f.root_cause = std::move(root_cause);
    f.fix = std::move(fix);
    f.evidence = std::move(evidence);
    f.location.image = in_.image;
    f.location.path = path;
    if (in_.layer_of) f.location.layer = in_.layer_of(path);
    out_.push_back(std::move(f));
  }

  // The program of argv found as the engine finds it: a name with '/' is a
  // path (relative to WorkingDir), a bare name is looked up in PATH.
  std::optional<std::string> find_program(const std::string& prog) {
    if (prog.find('/') != std::string::npos) {
      std::string p = prog[0] == '/' ? prog : join(cfg_.working_dir.empty() ? "/" : cfg_.working_dir, prog);
      auto st = fs_.stat_follow(p);
      if (st && st->type != FileType::dir) return real_path(p);
      return std::nullopt;
    }
    for (const auto& dir : path_dirs(cfg_.env)) {
      std::string p = join(dir, prog);
      auto st = fs_.stat_follow(p);
      if (st && st->type != FileType::dir && (st->mode & 0111)) return real_path(p);
    }
    return std::nullopt;
  }

  void check_start(const std::vector<std::string>& argv) {
    const std::string& prog = argv[0];
    if (prog.empty()) return;
    auto real = find_program(prog);
    if (!real) {
      std::string where = prog.find('/') != std::string::npos ? "the image" : "PATH (" + env_or_default_path() + ")";
      add("DD4104", Severity::error, prog, fmt::format("The start program `{}` is not in the image", prog),
          fmt::format("ENTRYPOINT/CMD runs `{}`, which is not found in {}.", prog, where),
          fmt::format("exec of `{}` fails: the container exits with code 127 before anything runs.", prog),
          "Install the program in the final stage or give its absolute path in ENTRYPOINT/CMD", prog);
      return;
    }
    started_.insert(*real);
    if (in_.elves->count(*real)) {
      check_binary(*real, prog, Severity::error);
      return;
    }
    auto sb = in_.shebangs->find(*real);
    if (sb != in_.shebangs->end()) check_script(*real, prog, sb->second, Severity::error);
  }

  void check_script(const std::string& real, const std::string& shown, const std::string& line, Severity sev) {
    auto words = split(line, " \t");
    if (words.empty()) return;
    std::string interp = words[0];
    auto st = fs_.stat_follow(interp);
    if (!st || st->type == FileType::dir) {
      add("DD4105", sev, real, fmt::format("The interpreter `{}` of `{}` is not in the image", interp, shown),
          fmt::format("`{}` starts with `#!{}`, and `{}` does not exist in the image.", shown, line, interp),
          fmt::format("exec of the script fails with `no such file or directory`: the kernel cannot find `{}`.", interp),
          "Install the interpreter or change the #! line to one the image has", "#!" + line);
      return;
    }
    auto rinterp = real_path(interp);
    // `#!/usr/bin/env NAME`: NAME must be in PATH.
    if (basename(interp) == "env" && words.size() >= 2) {
      size_t i = 1;
      while (i < words.size() && words[i].starts_with("-")) ++i;  // env -S
      if (i < words.size() && words[i].find('=') == std::string::npos) {
        const std::string& name = words[i];
        if (!find_program(name)) {
          add("DD4105", sev, real, fmt::format("The interpreter `{}` of `{}` is not in PATH", name, shown),
              fmt::format("`{}` starts with `#!{}`, and no `{}` is in PATH ({}).", shown, line, name, env_or_default_path()),
              fmt::format("env cannot find `{}`: the script exits with code 127.", name),
              fmt::format("Install {} or point the #! line at the interpreter the image has", name), "#!" + line);
        }
      }
    }
    if (rinterp && in_.elves->count(*rinterp)) check_binary(*rinterp, interp, sev);
  }

  std::string env_or_default_path() {
    bool set = false;
    std::string p = env_value(cfg_.env, "PATH", &set);
    return set ? p : kDefaultPath;
  }

  // The glibc ld.so.conf directories, include globs followed.
  const std::vector<std::string>& conf_dirs() {
    if (conf_loaded_) return conf_dirs_;
    conf_loaded_ = true;
    std::set<std::string> seen_files;
    std::function<void(const std::string&, int)> read_conf = [&](const std::string& file, int depth) {
      if (depth > 8 || !seen_files.insert(file).second) return;
      auto text = fs_.read(file, 1 << 16);
      if (!text) return;
      for (auto& raw : split(*text, "\n")) {
        std::string line = raw.substr(0, raw.find('#'));
        auto words = split(line, " \t\r");
        if (words.empty()) continue;
        if (words[0] == "include") {
          for (size_t i = 1; i < words.size(); ++i) {
            std::string pat = words[i][0] == '/' ? words[i] : join(dirname(file), words[i]);
            std::string dir = dirname(pat);
            std::string glob = basename(pat);
            auto rdir = fs_.resolve(dir);
            if (!rdir) continue;
            std::vector<std::string> names = fs_.list(*rdir);
            for (const auto& n : names)
              if (glob_match(glob, n)) read_conf(join(dir, n), depth + 1);
          }
        } else if (words[0] != "hwcap") {
          for (const auto& w : words)
            for (const auto& d : split(w, ":,="))
              if (d[0] == '/') conf_dirs_.push_back(d);
        }
      }
    };
    read_conf("/etc/ld.so.conf", 0);
    return conf_dirs_;
  }

  // /etc/ld.so.cache: soname -> paths, in the file's order; null when the
  // image has none that reads.
  const std::multimap<std::string, std::string, std::less<>>* cache() {
    if (!cache_loaded_) {
      cache_loaded_ = true;
      if (auto data = fs_.read("/etc/ld.so.cache", 8 << 20))
        if (auto entries = parse_ld_so_cache(*data)) {
          cache_ok_ = true;
          for (auto& [k, v] : *entries) cache_.emplace(std::move(k), std::move(v));
        }
    }
    return cache_ok_ ? &cache_ : nullptr;
  }

  std::vector<std::string> default_dirs(const elf::ElfInfo& e) {
    std::string t = multiarch_triplet(e.arch);
    std::vector<std::string> d;
    if (!t.empty()) {
      d.push_back("/lib/" + t);
      d.push_back("/usr/lib/" + t);
    }
    if (e.bits == 64) {
      d.push_back("/lib64");
      d.push_back("/usr/lib64");
    }
    d.push_back("/lib");
    d.push_back("/usr/lib");
    return d;
  }

  std::vector<std::string> musl_dirs(const elf::ElfInfo& e) {
    std::string file = "/etc/ld-musl-" + musl_arch(e.arch) + ".path";
    if (auto text = fs_.read(file, 1 << 16)) return split(*text, ":\n");
    return {"/lib", "/usr/local/lib", "/usr/lib"};
  }

  // $ORIGIN, $LIB, $PLATFORM expanded; several results for $LIB.
  std::vector<std::string> expand(const std::string& dir, const std::string& origin, const elf::ElfInfo& e) {
    std::vector<std::string> out{dir};
    auto subst = [&](const std::string& var, const std::vector<std::string>& values) {
      std::vector<std::string> next;
      for (const auto& s : out) {
        std::string braced = "${" + var.substr(1) + "}";
        size_t p = s.find(var), pb = s.find(braced);
        if (p == std::string::npos && pb == std::string::npos) {
          next.push_back(s);
          continue;
        }
        for (const auto& v : values) {
          std::string r = s;
          for (const std::string& pat : {braced, var}) {
            size_t q;
            while ((q = r.find(pat)) != std::string::npos) r.replace(q, pat.size(), v);
          }
          next.push_back(r);
        }
      }
      out = std::move(next);
    };
    subst("$ORIGIN", {origin});
    std::vector<std::string> libs{"lib"};
    if (e.bits == 64) libs.push_back("lib64");
    if (auto t = multiarch_triplet(e.arch); !t.empty()) libs.push_back("lib/" + t);
    subst("$LIB", libs);
    subst("$PLATFORM", {e.arch == "amd64" ? "x86_64" : e.arch == "arm64" ? "aarch64" : e.arch});
    return out;
  }

  struct Obj {
    std::string path;  // resolved
    const elf::ElfInfo* elf;
    int parent;        // index of the object that needed it, -1 for the binary
  };

  // Finds `name` for the object `objs[idx]`; the resolved path or nullopt.
  std::optional<std::string> find_lib(const std::string& name, const std::vector<Obj>& objs, int idx, Libc libc,
                                      const elf::ElfInfo& main, std::vector<std::string>& searched) {
    const Obj& obj = objs[idx];
    if (name.find('/') != std::string::npos) {
      auto r = real_path(name[0] == '/' ? name : join(dirname(obj.path), name));
      searched.push_back(name);
      if (r && fs_.stat(*r) && fs_.stat(*r)->type == FileType::regular) return r;
      return std::nullopt;
    }
    std::vector<std::string> dirs;
    auto add_object_paths = [&](int i, bool rpath_only, bool runpath) {
      const elf::ElfInfo& e = *objs[i].elf;
      std::string origin = dirname(objs[i].path);
      const auto& list = runpath ? e.runpath : e.rpath;
      if (rpath_only && !e.runpath.empty()) return;
      for (const auto& d : list)
        for (auto& x : expand(d, origin, e)) dirs.push_back(x);
    };
    if (libc == Libc::musl) {
      dirs = ld_library_path_;
      for (int i = idx; i >= 0; i = objs[i].parent) {
        add_object_paths(i, false, true);
        add_object_paths(i, false, false);
      }
      for (auto& d : musl_dirs(main)) dirs.push_back(d);
    } else {
      // DT_RPATH of this object and of its loaders, unless it has DT_RUNPATH.
      if (obj.elf->runpath.empty())
        for (int i = idx; i >= 0; i = objs[i].parent) add_object_paths(i, true, false);
      for (auto& d : ld_library_path_) dirs.push_back(d);
      add_object_paths(idx, false, true);
      if (const auto* c = cache()) {
        // The cache's own paths for the name (a "\n" marks a full path).
        auto [b, e] = c->equal_range(name);
        searched.push_back("/etc/ld.so.cache");
        for (auto it = b; it != e; ++it) dirs.push_back("\n" + it->second);
      } else {
        for (auto& d : conf_dirs()) dirs.push_back(d);
      }
      for (auto& d : default_dirs(main)) dirs.push_back(d);
    }
    // A regular file in the image, and not a library of another machine
    // (the loaders skip those).
    auto usable = [&](const std::string& p) -> std::optional<std::string> {
      auto r = real_path(p);
      if (!r) return std::nullopt;
      auto st = fs_.stat(*r);
      if (!st || st->type != FileType::regular) return std::nullopt;
      auto it = in_.elves->find(*r);
      if (it != in_.elves->end() && it->second.header_ok && !same_abi(it->second, main)) return std::nullopt;
      return r;
    };
    std::set<std::string> tried;
    for (const auto& raw : dirs) {
      const bool full = !raw.empty() && raw[0] == '\n';
      if (full) {
        if (auto r = usable(clean_abs(std::string_view(raw).substr(1)))) return r;
        continue;
      }
      if (raw.empty() || raw[0] != '/') continue;
      std::string d = clean_abs(raw);
      if (!tried.insert(d).second) continue;
      searched.push_back(d);
      if (auto r = usable(join(d, name))) return r;
    }
    return std::nullopt;
  }

  void check_binary(const std::string& real, const std::string& shown, Severity sev, bool library = false) {
    if (!checked_.insert(real).second) return;
    auto it = in_.elves->find(real);
    if (it == in_.elves->end()) return;
    const elf::ElfInfo& e = it->second;
    if (!e.header_ok) return;
    if (!arch_.empty() && !e.arch.empty() && !arch_runs(e.arch, arch_)) {
      add("DD4101", sev, real, fmt::format("`{}` is built for {}, the image is {}", shown, e.arch, arch_),
          fmt::format("`{}` is an ELF {}-bit {} binary; the image config says architecture {}.", shown, e.bits, e.arch, arch_),
          fmt::format("An {} kernel cannot execute {} code: `exec format error` (without binfmt emulation).", arch_, e.arch),
          fmt::format("docker buildx build --platform linux/{} ...   # or copy the {} build of the program", e.arch, arch_),
          fmt::format("e_machine {} ({})", e.machine, e.arch));
      return;
    }
    if (!e.dynamic_complete) return;  // not judged: its dynamic section was not read
    Libc libc = Libc::none;
    if (e.interpreter) {
      libc = libc_of_loader(*e.interpreter);
      auto st = fs_.stat_follow(*e.interpreter);
      if (!st || (st->type != FileType::regular && st->type != FileType::hardlink)) {
        add("DD4102", sev, real, fmt::format("The dynamic loader of `{}` is not in the image", shown),
            fmt::format("`{}` needs the loader `{}`, which is not in the image.", shown, *e.interpreter),
            loader_root_cause(*e.interpreter, libc, e), loader_fix(libc), "PT_INTERP " + *e.interpreter);
        return;
      }
    } else if (!library && e.needed.empty()) {
      return;  // static
    }
    if (libc == Libc::none || libc == Libc::other) {
      // A library (no PT_INTERP): judged with the libc the image has.
      bool musl = fs_.exists("/lib/ld-musl-" + musl_arch(e.arch) + ".so.1");
      libc = musl ? Libc::musl : Libc::glibc;
    }
    // Breadth first over the dependency tree.
    std::vector<Obj> objs{{real, &e, -1}};
    std::set<std::string> loaded{real};
    std::set<std::string> missing_reported;
    for (size_t i = 0; i < objs.size() && objs.size() < 2000; ++i) {
      const elf::ElfInfo& oe = *objs[i].elf;
      if (!oe.dynamic_complete) continue;
      for (const auto& name : oe.needed) {
        if (libc == Libc::musl && musl_builtin(name)) continue;
        if (e.interpreter && name == basename(*e.interpreter)) continue;
        std::vector<std::string> searched;
        auto found = find_lib(name, objs, static_cast<int>(i), libc, e, searched);
        if (!found) {
          if (!missing_reported.insert(name).second) continue;
          std::string chain;
          for (int p = static_cast<int>(i); p > 0; p = objs[p].parent) chain += ", needed by " + objs[p].path;
          add("DD4103", sev, real, fmt::format("`{}` needs {}, which is not in the image", shown, name),
              fmt::format("`{}` needs the shared library {}{}; it is in none of {}.", shown, name, chain,
                          fmt::join(searched.size() > 8 ? std::vector<std::string>(searched.begin(), searched.begin() + 8) : searched, ", ")),
              fmt::format("The loader stops with `error while loading shared libraries: {}: cannot open shared object file` before main runs.", name),
              fmt::format("Install the package that ships {} in the final stage (or COPY it from the build stage)", name),
              "DT_NEEDED " + name);
          continue;
        }
        if (!loaded.insert(*found).second) continue;
        auto li = in_.elves->find(*found);
        if (li != in_.elves->end()) objs.push_back({*found, &li->second, static_cast<int>(i)});
      }
    }
  }

  std::string loader_root_cause(const std::string& interp, Libc libc, const elf::ElfInfo& e) {
    bool has_musl = fs_.exists("/lib/ld-musl-" + musl_arch(e.arch) + ".so.1");
    bool has_glibc = fs_.exists("/lib/" + multiarch_triplet(e.arch) + "/libc.so.6") || fs_.exists("/lib64/libc.so.6") ||
                     fs_.exists("/usr/lib/" + multiarch_triplet(e.arch) + "/libc.so.6") || fs_.exists("/lib/libc.so.6");
    if (libc == Libc::glibc && has_musl)
      return fmt::format("A glibc binary on a musl image: `{}` is glibc's loader and the image has only musl's; the shell reports `not found` for a file that exists.", interp);
    if (libc == Libc::musl && has_glibc)
      return fmt::format("A musl binary on a glibc image: `{}` is musl's loader and the image has only glibc.", interp);
    if (!has_musl && !has_glibc)
      return fmt::format("The image has no C library at all (a static or busybox base): a dynamically linked program needs `{}` and its libraries.", interp);
    return fmt::format("`{}` is missing: exec fails with `no such file or directory` although the program exists.", interp);
  }

  std::string loader_fix(Libc libc) {
    if (libc == Libc::glibc) return "FROM debian:bookworm-slim (or gcr.io/distroless/cc), or build the program statically (CGO_ENABLED=0, -static)";
    if (libc == Libc::musl) return "FROM alpine, or build the program statically";
    return "Use a base image with the program's C library, or link it statically";
  }

  const Inputs& in_;
  const FsView& fs_;
  const ImageConfig& cfg_;
  std::string arch_;
  std::vector<std::string> ld_library_path_;
  bool conf_loaded_ = false;
  std::vector<std::string> conf_dirs_;
  bool cache_loaded_ = false, cache_ok_ = false;
  std::multimap<std::string, std::string, std::less<>> cache_;
  std::set<std::string> checked_, started_;
  std::vector<Finding> out_;
};

}  // namespace

Libc libc_of_loader(std::string_view interp) {
  std::string b = basename(interp);
  if (b.starts_with("ld-musl-")) return Libc::musl;
  if (b.starts_with("ld-linux") || b.starts_with("ld64.so") || b == "ld.so.1" || b.starts_with("ld-2.")) return Libc::glibc;
  return Libc::other;
}

std::vector<std::string> path_dirs(const std::vector<std::string>& env) {
  bool set = false;
  std::string p = env_value(env, "PATH", &set);
  return split(set ? p : kDefaultPath, ":");
}

std::string multiarch_triplet(std::string_view arch) {
  if (arch == "amd64") return "x86_64-linux-gnu";
  if (arch == "arm64") return "aarch64-linux-gnu";
  if (arch == "arm") return "arm-linux-gnueabihf";
  if (arch == "386") return "i386-linux-gnu";
  if (arch == "ppc64le") return "powerpc64le-linux-gnu";
  if (arch == "s390x") return "s390x-linux-gnu";
  if (arch == "riscv64") return "riscv64-linux-gnu";
  if (arch == "mips64le") return "mips64el-linux-gnuabi64";
  if (arch == "mipsle") return "mipsel-linux-gnu";
  return "";
}

std::string musl_arch(std::string_view arch) {
  if (arch == "amd64") return "x86_64";
  if (arch == "arm64") return "aarch64";
  if (arch == "arm") return "armhf";
  if (arch == "386") return "i386";
  if (arch == "ppc64le") return "powerpc64le";
  if (arch == "s390x") return "s390x";
  if (arch == "riscv64") return "riscv64";
  if (arch == "mips64le") return "mips64el";
  return std::string(arch);
}

std::vector<Finding> check(const Inputs& in) {
  Checker c(in);
  return c.run();
}

}  // namespace dd::image::binaries
