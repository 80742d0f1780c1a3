//go:build !unix

package main

import "time"

// cpuTime and peakRSS are not measured here: CPU per message and the
// peak RSS are reported as n/a.
func cpuTime() time.Duration { return 0 }

func peakRSS() uint64 { return 0 }
