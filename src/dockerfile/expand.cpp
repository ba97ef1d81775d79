#include "dockerfile/expand.h"

#include "dockerfile/ast.h"

namespace dd::dockerfile {

// Stub: replaced by the full BuildKit expansion.
Expansion expand(std::string_view word, const Vars&, char) { return {std::string(word), {}}; }
Vars scope_at(const Dockerfile&, size_t, const Vars& build_args) { return build_args; }

}  // namespace dd::dockerfile
