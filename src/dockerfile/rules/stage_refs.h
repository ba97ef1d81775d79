#pragma once
// Stages as the rules name them: the stage graph (dockerfile/stages.h) and
// the stage a COPY --from value names.
#include <string_view>
#include "dockerfile/ast.h"
#include "dockerfile/rules/words.h"
#include "dockerfile/stages.h"

namespace dd::dockerfile::util {

// The stage graph (dockerfile/stages.h).
using dockerfile::rooted_in_scratch;
using dockerfile::stage_ships;

// The stage a COPY --from value names, by name or index; null when none.
inline const Stage* stage_ref(const Dockerfile& df, std::string_view v) { return df.stage_named(lower(v)); }

}  // namespace dd::dockerfile::util
