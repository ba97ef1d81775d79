#pragma once
// Internal: turns one logical line into an Instruction (keyword, flags,
// arguments, pairs), as BuildKit's parser and instructions packages do.
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/parse_util.h"

namespace dd::dockerfile::detail {

// Parses "KEYWORD [--flags] args" found in j.text[begin, end) (no leading or
// trailing whitespace) into `ins`. Errors are appended; never throws.
void parse_instruction(Instruction& ins, const Joined& j, size_t begin, size_t end, char escape,
                       std::vector<ParseError>& errors, int depth = 0);

bool known_keyword(std::string_view upper);
// RUN, COPY, ADD (or ONBUILD of one) in shell form may carry heredocs.
bool can_contain_heredoc(const Instruction& ins);

}  // namespace dd::dockerfile::detail
