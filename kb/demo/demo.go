// Package demo holds the demo knowledge base of Borgoverde, a fictional
// Italian municipality: original FAQ entries in nine languages that `make
// run` loads on first start and the evaluation sets measure against.
package demo

import (
	"bytes"
	_ "embed"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/kbfile"
)

// FileName is the demo knowledge base's file name in this folder.
const FileName = "borgoverde.jsonl"

//go:embed borgoverde.jsonl
var data []byte

// Entries returns the demo entries.
func Entries() ([]*kb.Entry, error) {
	return kbfile.Read(bytes.NewReader(data), FileName, kbfile.JSONL, kbfile.ReadOptions{Languages: kb.DefaultLanguages})
}
