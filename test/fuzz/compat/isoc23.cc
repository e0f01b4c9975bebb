// The few glibc 2.38 / libstdc++ 13 symbols that @jazzer.js/fuzzer 4.0.0's prebuilt Linux addon needs, for systems
// with an older C library (Debian 12: glibc 2.36, libstdc++ 12). Built and preloaded by scripts/jazzer-compat.mjs
// only when the addon does not load as shipped.
#include <cstdlib>
#include <ios>

// C23's strtol/strtoul also accept a 0b prefix; libFuzzer only parses its decimal flags with them.
extern "C" long __isoc23_strtol(const char *s, char **end, int base) { return std::strtol(s, end, base); }
extern "C" unsigned long __isoc23_strtoul(const char *s, char **end, int base) { return std::strtoul(s, end, base); }

// GCC 13's <iostream> references this to pull in libstdc++'s own stream initialisation; libstdc++ 12 initialises
// the standard streams through an ios_base::Init object per translation unit, so this library holds one.
namespace std {
void ios_base_library_init() {}
}
static std::ios_base::Init streams;
