package mlruns

import (
	"crypto/rand"
	"encoding/binary"
	"math/big"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// Word lists for run names in MLflow's style (adjective-animal-number).
// They are our own lists; only the shape of the name follows MLflow.
var (
	nameAdjectives = strings.Fields(`able agile amber ample bold brave breezy bright
		calm capable casual charming cheerful clever cosmic crisp curious daring
		dazzling delicate eager earnest elegant fearless fleet fluffy fond gentle
		gifted glowing graceful happy hardy honest humble jolly keen kind lively
		lucid lucky mellow merry mighty modest nimble noble patient peaceful placid
		polite proud quick quiet radiant rare resilient rustic serene sharp shiny
		silent sleek smooth snappy solid spry steady sturdy sunny swift tender
		thoughtful tidy upbeat valiant vivid warm wise witty zealous zesty`)
	nameAnimals = strings.Fields(`ant auk bass bat bear bee bird bison boar carp
		cat colt crab crane crow deer doe dog dove duck eel elk emu finch fish fox
		frog gnat goat goose gull hare hawk hen hog horse ibis jay kit koi lamb
		lark lion lynx mink mole moose moth mouse mule newt owl ox panda perch
		pig pony puma quail ram rat raven robin seal shark sheep shrew skink sloth
		slug snail snake sow squid stag stork swan tern toad trout vole wasp whale
		wolf worm wren yak zebra`)
)

// randInt returns a uniform integer in [0, n).
func randInt(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return int(v.Int64())
}

// newRunName invents a run name such as "gentle-owl-42": at most 20
// characters, the number from 0 to 1000, as MLflow's names are.
func newRunName() string {
	for i := 0; i < 10; i++ {
		n := nameAdjectives[randInt(len(nameAdjectives))] + "-" +
			nameAnimals[randInt(len(nameAnimals))] + "-" + strconv.Itoa(randInt(1001))
		if len(n) <= 20 {
			return n
		}
	}
	return "run-" + strconv.Itoa(randInt(1001))
}

// newRunID returns a uuid4 as 32 lowercase hex digits, as MLflow makes run
// ids.
func newRunID() string { return strings.ReplaceAll(uuid.NewString(), "-", "") }

// newExperimentID returns a random decimal id of exactly 18 digits with no
// leading zero, the form MLflow 2.x and 3.x give new experiments.
func newExperimentID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	const lo, span = 100000000000000000, 900000000000000000
	return strconv.FormatUint(lo+binary.BigEndian.Uint64(b[:])%span, 10)
}
