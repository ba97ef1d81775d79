// dockerignore_oracle answers .dockerignore questions with the engine's own
// matcher, github.com/moby/patternmatcher (Debian's
// golang-github-moby-patternmatcher-dev), for the differential test in
// tests/context/dockerignore_oracle_test.cpp.
//
// Standard input holds cases. Each case is lines "P <ignore file line>", then
// lines "Q <path>", then "E". For each case it prints one line per path:
// "1" excluded, "0" sent, or "ERR" when the engine refuses the ignore file.
// A line "M <pattern>\t<name>" asks Go's filepath.Match (COPY and ADD
// sources) and prints "1", "0" or "ERR" at once.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/moby/patternmatcher"
)

// readIgnoreLines turns the lines of a .dockerignore file into patterns the
// way the engine's reader does: a '#' in the first column is a comment,
// blanks around a line are dropped, and each pattern (after an optional '!')
// is cleaned and made relative to the context root.
func readIgnoreLines(lines []string) []string {
	var out []string
	for _, line := range lines {
		if strings.HasPrefix(line, "#") {
			continue
		}
		p := strings.TrimSpace(line)
		if p == "" {
			continue
		}
		neg := false
		if p[0] == '!' {
			neg = true
			p = strings.TrimSpace(p[1:])
		}
		if p != "" {
			p = filepath.ToSlash(filepath.Clean(p))
			if len(p) > 1 && p[0] == '/' {
				p = p[1:]
			}
		}
		if neg {
			p = "!" + p
		}
		out = append(out, p)
	}
	return out
}

// decide answers for one path. A pattern that passes New but whose regexp
// does not compile makes the first match return an error (the engine stops
// the build there) and a later one dereference a nil regexp: both are ERR.
func decide(pm *patternmatcher.PatternMatcher, err error, path string) (answer string) {
	if err != nil {
		return "ERR"
	}
	defer func() {
		if recover() != nil {
			answer = "ERR"
		}
	}()
	m, merr := pm.MatchesOrParentMatches(path)
	switch {
	case merr != nil:
		return "ERR"
	case m:
		return "1"
	}
	return "0"
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	var lines, paths []string
	for in.Scan() {
		t := in.Text()
		switch {
		case strings.HasPrefix(t, "P "):
			lines = append(lines, t[2:])
		case strings.HasPrefix(t, "Q "):
			paths = append(paths, t[2:])
		case strings.HasPrefix(t, "M "):
			pattern, name, _ := strings.Cut(t[2:], "\t")
			m, err := filepath.Match(pattern, name)
			switch {
			case err != nil:
				fmt.Fprintln(w, "ERR")
			case m:
				fmt.Fprintln(w, "1")
			default:
				fmt.Fprintln(w, "0")
			}
		case t == "E":
			pm, err := patternmatcher.New(readIgnoreLines(lines))
			for _, p := range paths {
				fmt.Fprintln(w, decide(pm, err, p))
			}
			lines, paths = nil, nil
		}
	}
}
