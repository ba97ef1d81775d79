#pragma once
// The script a container starts with (`CMD ["./start.sh"]`, `ENTRYPOINT
// ["/docker-entrypoint.sh"]`, `CMD sh run.sh`), found where the build put it:
// the COPY/ADD that placed it, and its text, read from the build context or
// from the COPY's heredoc. Shared by the start-script rules (DD2012, DD2013).
#include <sys/stat.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context/context.h"
#include "core/glob.h"
#include "dockerfile/rules/context_util.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/stages.h"
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/variables.h"

namespace dd::dockerfile::startscript {

struct StartScript {
  const Instruction* start = nullptr;  // the CMD or ENTRYPOINT that runs it
  Range where;                         // the script word in that instruction
  std::string image_path;              // absolute path inside the image
  bool direct = false;                 // executed itself (needs +x), not `sh script`
  bool kernel_exec = false;            // exec form, run by the runtime itself: also needs a #! line
                                       // (a shell falls back to reading a file without one)
  const Instruction* copy = nullptr;   // the COPY/ADD that put it there
  std::string context_path;            // relative path in the context; empty for a heredoc
  std::string text;                    // its content (first 64 KiB)
  bool executable = false;             // x bit in the context, COPY --chmod, or a later RUN chmod
};

// A --chmod value that gives the owner or anyone execute permission.
inline bool chmod_executes(std::string_view v) {
  if (!v.empty() && v.find_first_not_of("01234567") == std::string_view::npos)
    return (std::stoul(std::string(v.substr(v.size() > 4 ? v.size() - 4 : 0)), nullptr, 8) & 0111) != 0;
  return v.find('x') != std::string_view::npos && v.find("-x") == std::string_view::npos;
}

inline bool is_shell(std::string_view prog) {
  return prog == "sh"sv || prog == "bash"sv || prog == "ash"sv || prog == "dash"sv || prog == "zsh"sv || prog == "ksh"sv;
}

inline std::string join_path(std::string_view dir, std::string_view p) {
  if (!p.empty() && p.front() == '/') return clean_path(p);
  std::string d(dir.empty() ? "/" : dir);
  return clean_path(d + "/" + std::string(p));
}

// WORKDIR in effect when `upto` runs: the stage graph's answer.
inline std::string workdir_at(const LintInput& in, const std::vector<const Instruction*>&, const Instruction* upto) {
  return stage_graph(in).workdir(in, *upto);
}

// Where a COPY/ADD in the chain last put `image_path`: the instruction, and
// the context path or heredoc body it came from.
struct Origin {
  const Instruction* copy = nullptr;
  std::string context_path;
  const Heredoc* heredoc = nullptr;
};

// A COPY/ADD of the chain with its destination and sources expanded, once
// per instruction whatever the number of paths looked up.
struct CopyPaths {
  std::string dest_raw;
  std::string dest;
  bool dest_dir = false;
  std::vector<std::string> srcs;  // expanded, except heredoc words (<<EOF)
};

inline const CopyPaths& copy_paths(const LintInput& in, const std::vector<const Instruction*>& chain,
                                   const Instruction* ins) {
  static const char tag = 0;
  return in.memo<CopyPaths>(&tag, *ins, [&] {
    CopyPaths c;
    const auto& vars = in.scope(*ins);
    c.dest_raw = expand(ins->args.back().text, vars, in.df.escape).value;
    c.dest = join_path(workdir_at(in, chain, ins), c.dest_raw);
    c.dest_dir = c.dest_raw.ends_with("/") || c.dest_raw == "."sv || ins->args.size() > 2;
    for (size_t a = 0; a + 1 < ins->args.size(); ++a) {
      const std::string& src = ins->args[a].text;
      c.srcs.push_back(src.rfind("<<", 0) == 0 ? src : expand(src, vars, in.df.escape).value);
    }
    return c;
  });
}

inline std::optional<Origin> origin_of(const LintInput& in, const std::vector<const Instruction*>& chain,
                                       const std::string& image_path) {
  std::optional<Origin> found;
  for (const Instruction* ins : chain) {
    if ((ins->kind != Kw::COPY && ins->kind != Kw::ADD) || ins->args.size() < 2) continue;
    const CopyPaths& cp = copy_paths(in, chain, ins);
    const std::string& dest = cp.dest;
    const bool dest_dir = cp.dest_dir;
    // A file of a later COPY replaces the earlier one: keep the last match.
    if (ins->flag("from")) {
      bool hit = image_path == dest || image_path.starts_with(dest + "/");
      if (hit) found.reset();  // comes from another stage or image: unknown content
      continue;
    }
    for (size_t a = 0; a + 1 < ins->args.size(); ++a) {
      std::string src = cp.srcs[a];
      if (src.rfind("<<", 0) == 0) {
        // COPY <<EOF /start.sh: the heredoc named by the word.
        std::string name = src.substr(src[2] == '-' ? 3 : 2);
        if (!name.empty() && (name.front() == '"' || name.front() == '\'')) name = name.substr(1, name.size() - 2);
        for (const auto& h : ins->heredocs)
          if (h.name == name && (image_path == dest || (dest_dir && image_path == join_path(dest, name))))
            found = Origin{ins, {}, &h};
        continue;
      }
      if (!in.context || src.find("://") != std::string::npos) continue;
      std::string csrc = clean_path(src);
      while (!csrc.empty() && csrc.front() == '/') csrc.erase(0, 1);
      if (csrc.empty()) csrc = ".";
      const context::Entry* e = csrc == "."sv ? nullptr : in.context->find(csrc);
      bool src_dir = csrc == "."sv || (e && e->is_dir);
      if (src_dir) {
        // The directory's contents land under dest.
        if (!image_path.starts_with(dest == "/"sv ? "/" : dest + "/")) continue;
        std::string rel = image_path.substr(dest == "/"sv ? 1 : dest.size() + 1);
        std::string cpath = csrc == "."sv ? rel : csrc + "/" + rel;
        if (const auto* f = in.context->find(cpath); f && !f->is_dir) found = Origin{ins, cpath, nullptr};
        continue;
      }
      // A file or a wildcard: dest itself, or dest/<name> for a directory dest.
      std::string name(ctxrule::base_name(image_path));
      for (const auto* f : in.context->sources(csrc)) {
        if (f->is_dir) continue;
        std::string_view fname = ctxrule::base_name(f->path);
        bool lands = (dest_dir || csrc.find_first_of("*?[") != std::string::npos)
                         ? image_path == join_path(dest, fname)
                         : image_path == dest || (image_path == join_path(dest, fname) && fname == name);
        if (lands) found = Origin{ins, f->path, nullptr};
      }
    }
  }
  return found;
}

// The script the image starts with, or nullopt when the start command is a
// binary, is not a file the build put there, or cannot be read.
inline std::optional<StartScript> locate(const LintInput& in) {
  const auto& stages = inc::final_chain(in);
  if (stages.empty()) return std::nullopt;
  const auto& chain = inc::final_instructions(in);
  auto start = inc::start_command(chain);
  for (const Instruction* ins : {start.entrypoint, start.cmd}) {
    if (!ins) continue;
    const auto& cmds = instruction_commands(in, *ins);
    if (cmds.empty()) continue;
    const Cmd& c = cmds.front();
    size_t p = c.exe;
    if (p >= c.argv.size()) continue;
    size_t w = p;
    bool direct = true;
    if (is_shell(text::basename(c.argv[p]))) {
      // sh start.sh (not sh -c "..."): the script is read by the shell.
      if (p + 1 >= c.argv.size() || c.argv[p + 1].empty() || c.argv[p + 1][0] == '-') continue;
      w = p + 1;
      direct = false;
    }
    const std::string& word = c.argv[w];
    if (word.empty() || word.find('$') != std::string::npos) continue;
    std::vector<std::string> candidates;
    if (word.find('/') != std::string::npos || !direct) {
      candidates.push_back(join_path(workdir_at(in, chain, ins), word));
    } else {
      // A bare name run directly is looked up in PATH.
      for (std::string_view dir : {"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"})
        candidates.push_back(join_path(dir, word));
    }
    for (const auto& path : candidates) {
      auto o = origin_of(in, chain, path);
      if (!o) continue;
      StartScript s;
      s.start = ins;
      s.where = w < c.size() ? c.range(w) : c.whole();
      s.image_path = path;
      s.direct = direct;
      s.kernel_exec = direct && ins->exec_form && !ins->args.empty() &&
                      !is_shell(ctxrule::base_name(ins->args.front().text)) && ins->args.front().text != "CMD"sv;
      s.copy = o->copy;
      s.context_path = o->context_path;
      if (o->heredoc) {
        s.text = o->heredoc->body;
      } else {
        s.text = in.context->read(o->context_path);
        struct stat st {};
        std::string full = (in.context->root() / o->context_path).string();
        s.executable = ::lstat(full.c_str(), &st) == 0 && (st.st_mode & S_IXUSR);
      }
      if (s.text.empty()) return std::nullopt;
      // COPY --chmod=755 or +x, or a later RUN chmod on the script.
      if (const Flag* f = s.copy->flag("chmod")) s.executable = chmod_executes(f->value);
      bool after = false;
      std::string base(ctxrule::base_name(path));
      for (const Instruction* i : chain) {
        if (i == s.copy) after = true;
        else if (after && i->kind == Kw::RUN) {
          if (inc::mentions(*i, {"chmod"}) && inc::mentions(*i, {base, "+x", "-R"})) s.executable = true;
        }
      }
      return s;
    }
  }
  return std::nullopt;
}

// locate(), once per file for all the rules that read the script.
inline const std::optional<StartScript>& find(const LintInput& in) {
  static const char tag = 0;
  return in.memo<std::optional<StartScript>>(&tag, [&] { return locate(in); });
}

// The 1-based line of `offset` in `text`.
inline int line_of(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

// "start.sh" for messages: the context path, or the image path for a heredoc.
inline std::string label(const StartScript& s) { return s.context_path.empty() ? s.image_path : s.context_path; }

}  // namespace dd::dockerfile::startscript
