#pragma once
// The shell tokenizer moved to the knowledge layer (every domain tokenizes
// commands with it: RUN, CMD, compose `command:`, a container's Cmd).
#include "knowledge/shell.h"
