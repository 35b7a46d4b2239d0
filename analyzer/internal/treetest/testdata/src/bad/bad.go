package bad

func slowRead() {} // want slowRead:"fast"

func Handle() {
	slowRead() // want "call of slowWrite"
	slowRead()
	Handle2() // want "call of Handle2" "call of Handle2"
}

func Handle2() {} // want "never reported"
