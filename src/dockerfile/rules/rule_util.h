#pragma once
// Everything the DD1xxx rules (hadolint and BuildKit ports) share, by
// subject: commands and their options, words and ranges, variables, stages,
// redaction, ports. Include the one you need; this header includes them all.
#include "dockerfile/rule.h"
#include "dockerfile/rules/commands.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/stage_refs.h"
#include "dockerfile/rules/variables.h"
#include "dockerfile/rules/words.h"
