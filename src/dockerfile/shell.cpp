#include "dockerfile/shell.h"

namespace dd::shell {

// Stub: replaced by the real tokenizer.
Script parse(std::string_view) { return {}; }
std::string_view Command::program() const { return {}; }
bool Command::has_flag(std::string_view) const { return false; }
std::string_view Command::subcommand() const { return {}; }
size_t real_program_index(const Command&) { return 0; }

}  // namespace dd::shell
