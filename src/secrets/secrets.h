#pragma once
// The shared secret rule set: one Hyperscan database compiled once, used by
// lint (ENV/ARG values, context files), image (layer files) and diagnose
// (env values). See secrets.cpp.
