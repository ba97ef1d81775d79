// libFuzzer target: the shell tokenizer and word expansion on arbitrary
// scripts. Offsets must stay inside the script.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dockerfile/expand.h"
#include "dockerfile/shell.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  auto sc = dd::shell::parse(s);
  for (const auto& c : sc.commands) {
    if (c.begin > c.end || c.end > s.size()) std::abort();
    for (const auto& w : c.argv)
      if (w.begin > w.end || w.end > s.size()) std::abort();
    (void)c.program();
    (void)c.subcommand();
    (void)c.has_flag("-y");
    (void)c.has_flag("--yes");
    size_t i = dd::shell::real_program_index(c);
    if (!c.argv.empty() && i >= c.argv.size()) std::abort();
  }
  dd::dockerfile::Vars vars{{"A", "abcabc"}, {"EMPTY", ""}};
  (void)dd::dockerfile::expand(s, vars);
  (void)dd::dockerfile::expand(s, vars, '`');
  return 0;
}
