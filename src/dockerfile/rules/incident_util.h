#pragma once
// Everything the DD2xxx incident rules share, by subject: the start command
// (with the stage graph of dockerfile/stages.h), the base image, instructions,
// COPY sources, EXPOSEd ports, variables and redaction. Include the one you
// need; this header includes them all.
#include "dockerfile/rules/base_image.h"
#include "dockerfile/rules/copies.h"
#include "dockerfile/rules/instructions.h"
#include "dockerfile/rules/ports.h"
#include "dockerfile/rules/redaction.h"
#include "dockerfile/rules/start_command.h"
#include "dockerfile/rules/variables.h"
