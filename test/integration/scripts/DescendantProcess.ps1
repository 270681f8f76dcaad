# Dot-sourced by the fleet test and benchmark: what runs under this PowerShell (Linux, by /proc).

# The processes under this one: each with its id, resident and proportional memory, CPU time, and command line.
function Get-DescendantProcess {
    $children = @{}
    foreach ($status in Get-ChildItem /proc -Directory | Where-Object { $_.Name -match '^\d+$' }) {
        $text = Get-Content -LiteralPath (Join-Path $status.FullName 'status') -Raw -ErrorAction SilentlyContinue
        if ($null -eq $text -or $text -notmatch '(?m)^PPid:\s+(\d+)') { continue }
        $parent = [int]$Matches[1]
        # CPU time so far (utime + stime, in clock ticks of 10 ms), from the fields after the command name.
        $stat = Get-Content -LiteralPath (Join-Path $status.FullName 'stat') -Raw -ErrorAction SilentlyContinue
        $cpuMs = 0
        if ($null -ne $stat) { $fields = $stat.Substring($stat.LastIndexOf(')') + 2).Split(' '); $cpuMs = ([int64]$fields[11] + [int64]$fields[12]) * 10 }
        $rss = if ($text -match '(?m)^VmRSS:\s+(\d+) kB') { [int64]$Matches[1] } else { 0 }
        # Proportional: shared pages (the same libraries in every ssh, say) divided among the processes that map them.
        $rollup = Get-Content -LiteralPath (Join-Path $status.FullName 'smaps_rollup') -Raw -ErrorAction SilentlyContinue
        $pss = if ($null -ne $rollup -and $rollup -match '(?m)^Pss:\s+(\d+) kB') { [int64]$Matches[1] } else { 0 }
        $commandLine = (Get-Content -LiteralPath (Join-Path $status.FullName 'cmdline') -Raw -ErrorAction SilentlyContinue) -replace "`0", ' '
        if (-not $children.ContainsKey($parent)) { $children[$parent] = New-Object System.Collections.Generic.List[object] }
        $children[$parent].Add(@{ pid = [int]$status.Name; rssKiB = $rss; pssKiB = $pss; cpuMs = $cpuMs; commandLine = [string]$commandLine })
    }
    $found = New-Object System.Collections.Generic.List[object]
    $queue = New-Object System.Collections.Generic.Queue[int]
    $queue.Enqueue($PID)
    while ($queue.Count -gt 0) {
        $parent = $queue.Dequeue()
        if (-not $children.ContainsKey($parent)) { continue }
        foreach ($child in $children[$parent]) { $found.Add($child); $queue.Enqueue($child.pid) }
    }
    $found
}
