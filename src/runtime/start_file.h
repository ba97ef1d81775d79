#pragma once
// Looks up the program a stopped container was asked to run, through the
// engine's archive endpoint: does it exist, its mode, its first bytes, and
// the interpreter it needs (#! line or ELF PT_INTERP) and whether that exists.
#include <optional>
#include <string>
#include <string_view>

#include "engine/client.h"
#include "runtime/state.h"

namespace dd::runtime {

// The interpreter a file asks for: the #! program (its trailing \r kept, as
// the kernel sees it) or the ELF program interpreter. Empty when none.
std::string interpreter_of(std::string_view head, bool* script = nullptr, bool* elf = nullptr);

// Fills state.start_file for a container that is not running. Engine errors
// leave it empty: the diagnosis goes on without it.
void read_start_file(engine::Client& client, ContainerState& state);

}  // namespace dd::runtime
