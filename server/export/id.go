package export

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"time"
)

// exportID names one export: its time and a random part.
func exportID() string {
	b := make([]byte, 4)
	rand.Read(b)
	return strconv.FormatInt(time.Now().Unix(), 36) + hex.EncodeToString(b)
}
