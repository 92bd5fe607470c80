<#
.SYNOPSIS
    Exports the inbox rules of one mailbox for the incident record.
.EXAMPLE
    .\export-inbox-rules.ps1 -Mailbox adele.vance@contoso.com -IncidentId IR-2026-0412
#>
param(
    [Parameter(Mandatory)] [string] $Mailbox,
    [Parameter(Mandatory)] [string] $IncidentId
)

# <export>
Connect-ExchangeOnline -ShowBanner:$false
$rules = Get-InboxRule -Mailbox $Mailbox -IncludeHidden
$rules |
    Select-Object Name, Enabled, Priority, From, SubjectContainsWords,
        ForwardTo, ForwardAsAttachmentTo, RedirectTo, DeleteMessage, MoveToFolder |
    Export-Csv -Path "$IncidentId-inbox-rules.csv" -NoTypeInformation -Encoding utf8
Write-Output "$($rules.Count) rules exported to $IncidentId-inbox-rules.csv"
# </export>
Disconnect-ExchangeOnline -Confirm:$false
