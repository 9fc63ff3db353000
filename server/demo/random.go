package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Streams of random numbers, one per purpose, so that what a run gets does
// not depend on the order runs are written in, nor on the other counts:
// a run's params are the same whether it logs 4 metrics or 10.
const (
	streamRun uint64 = iota + 1
	streamCurve
	streamCommit
	streamModel
)

// newRand returns the stream for the seed and a path of numbers (purpose,
// experiment, run, ...).
func newRand(seed int64, path ...uint64) *rand.Rand {
	h := uint64(0x9e3779b97f4a7c15)
	for _, p := range path {
		h = mix(h ^ p)
	}
	return rand.New(rand.NewPCG(uint64(seed), h))
}

// mix is SplitMix64's finaliser: nearby inputs give unrelated outputs.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// hexDigits returns n random lowercase hex digits.
func hexDigits(r *rand.Rand, n int) string {
	var b strings.Builder
	for b.Len() < n {
		fmt.Fprintf(&b, "%016x", r.Uint64())
	}
	return b.String()[:n]
}

// uuidHex returns a version-4 UUID as 32 hex digits, as MLflow's model
// uuids are spelled.
func uuidHex(r *rand.Rand) string {
	b := []byte(hexDigits(r, 32))
	b[12] = '4'
	b[16] = "89ab"[r.IntN(4)]
	return string(b)
}

// Words for run names in MLflow's adjective-animal-number shape; our own
// lists.
var (
	adjectives = strings.Fields(`amber bold brisk calm clever crisp dapper eager
		fleet gentle glad hasty jolly keen lucid merry nimble plucky quiet rapid
		sly snug spry stoic sunny tidy vivid wry zany zesty`)
	animals = strings.Fields(`badger bison crane dingo egret ferret gecko heron
		ibex jackal koala lemur marten narwhal ocelot otter panda puffin quokka
		raven salmon tapir urchin viper walrus yak zebu`)
	users = []string{"alice", "bruno", "chen", "dana", "emeka"}
)

// runName invents a name such as "brisk-otter-417".
func runName(r *rand.Rand) string {
	return fmt.Sprintf("%s-%s-%d", adjectives[r.IntN(len(adjectives))],
		animals[r.IntN(len(animals))], r.IntN(1000))
}
