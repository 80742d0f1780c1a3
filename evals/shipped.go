package evals

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
)

//go:embed sets/*.jsonl
var shipped embed.FS

// ShippedSets lists the evaluation sets that come with Sportello (demo,
// holdout, hard, out_of_scope), for the editor console.
func ShippedSets() []string {
	names, _ := fs.Glob(shipped, "sets/*.jsonl")
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.TrimSuffix(path.Base(n), ".jsonl"))
	}
	slices.Sort(out)
	return out
}

// OpenShipped returns the shipped set called name.
func OpenShipped(name string) (io.ReadCloser, error) {
	if !slices.Contains(ShippedSets(), name) {
		return nil, fmt.Errorf("evals: there is no shipped set %q (there are: %s)", name, strings.Join(ShippedSets(), ", "))
	}
	return shipped.Open("sets/" + name + ".jsonl")
}
