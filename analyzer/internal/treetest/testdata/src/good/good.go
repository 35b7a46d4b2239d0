package good

import "good/sub"

func slowLoad() {} // want slowLoad:"slow"

func Handle() {
	slowLoad()  // want "call of slowLoad"
	sub.Fetch() // want `call of sub\.Fetch`
	// want +1 "call of slowLoad"
	slowLoad()
}
