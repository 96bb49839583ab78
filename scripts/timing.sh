# Shared by the timing scripts (sourced, not run): wall time of one run and the median of a list.

# Wall time in milliseconds of one run of a command (exit codes 0 and 1 both mean success).
run_ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null || [ $? -eq 1 ]
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# The median of numbers given one per line.
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
