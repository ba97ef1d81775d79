#pragma once
// The one command model for the Dockerfile rules (knowledge/command.h,
// dockerfile/command.h) and its option readers, in the rules' namespace.
#include "dockerfile/command.h"
#include "knowledge/command.h"

namespace dd::dockerfile::util {

using dd::kb::is_option;
using dd::kb::has_opt;
using dd::kb::opt_value;
using dd::kb::operands;
using dd::kb::subcommand;
using dd::kb::sub_operands;
using dockerfile::commands;
using dockerfile::run_commands;
using dockerfile::script_range;

}  // namespace dd::dockerfile::util
