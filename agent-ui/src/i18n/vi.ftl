# Chuỗi giao diện, tiếng Việt. Cùng mã thông điệp với en.ftl.

## Sản phẩm và từ dùng chung
app-name = Xác minh danh tính qua video
staff-area = Khu vực nhân viên
staff-title = Xác minh danh tính qua video — Khu vực nhân viên
language-label = Ngôn ngữ
loading = Đang tải…

## Trang đăng nhập
login-title = Đăng nhập
login-intro = Sử dụng tài khoản nhân viên và mã từ ứng dụng xác thực của bạn.
login-username = Tên đăng nhập
login-password = Mật khẩu
login-code = Mã xác thực
login-code-hint = Mã gồm 6 chữ số hiển thị trong ứng dụng xác thực của bạn.
login-recovery-code = Mã khôi phục
login-recovery-code-hint = Một trong các mã khôi phục bạn đã lưu khi thiết lập tài khoản, ví dụ abcd‑efgh‑ijkl.
login-use-recovery = Dùng mã khôi phục
login-use-totp = Dùng mã từ ứng dụng xác thực
login-submit = Đăng nhập
login-submitting = Đang đăng nhập…
login-missing-username = Vui lòng nhập tên đăng nhập.
login-missing-password = Vui lòng nhập mật khẩu.
login-missing-code = Vui lòng nhập mã 6 chữ số từ ứng dụng xác thực.
login-bad-code-format = Mã gồm 6 chữ số, ví dụ 123456.
login-missing-recovery = Vui lòng nhập một trong các mã khôi phục của bạn.
login-bad-recovery-format = Mã khôi phục có dạng abcd‑efgh‑ijkl.

## Lý do hiển thị trang đăng nhập
notice-session_expired = Phiên làm việc của bạn đã hết hạn. Vui lòng đăng nhập lại.
notice-unauthenticated = Bạn đã bị đăng xuất. Vui lòng đăng nhập lại.
notice-signed_out = Bạn đã đăng xuất.
notice-signed_out_everywhere = Bạn đã đăng xuất trên tất cả thiết bị.

## Lỗi từ máy chủ, theo mã
error-generic = Đã xảy ra lỗi. Vui lòng thử lại.
error-network_error = Không thể kết nối tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.
error-internal = Máy chủ gặp sự cố. Vui lòng thử lại sau giây lát.
error-invalid_credentials = Tên đăng nhập hoặc mật khẩu không đúng.
error-invalid_code = Mã không đúng. Vui lòng kiểm tra giờ trên điện thoại và nhập mã hiện tại.
error-code_already_used = Mã này đã được sử dụng. Vui lòng chờ mã tiếp theo trong ứng dụng xác thực, hoặc dùng một mã khôi phục chưa từng sử dụng.
error-account_locked = Tài khoản của bạn đã bị khóa do đăng nhập sai quá nhiều lần. Vui lòng thử lại sau hoặc liên hệ quản trị viên.
error-account_locked-retry = Tài khoản của bạn đã bị khóa do đăng nhập sai quá nhiều lần. Vui lòng thử lại sau { $minutes } phút, vào lúc { DATETIME($time, hour: "numeric", minute: "2-digit") }.
error-account_disabled = Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.
error-too_many_requests = Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.
error-invalid_body = Không gửi được biểu mẫu. Vui lòng tải lại trang rồi thử lại.
error-unauthenticated = Vui lòng đăng nhập.
error-session_expired = Phiên làm việc của bạn đã hết hạn. Vui lòng đăng nhập lại.
error-reauth_required = Thao tác này yêu cầu bạn xác nhận danh tính.
error-forbidden = Tài khoản của bạn không được phép thực hiện thao tác này.

## Khung giao diện nhân viên
shell-skip = Chuyển đến nội dung chính
shell-nav-label = Điều hướng chính
nav-console = Bảng điều khiển
nav-review = Xét duyệt
nav-admin = Nhân viên
shell-signed-in-as = Đang đăng nhập: { $name }
role-agent = Nhân viên xác minh
role-supervisor = Giám sát viên
role-admin = Quản trị viên
role-auditor = Kiểm toán viên
shell-sign-out = Đăng xuất
shell-sign-out-everywhere = Đăng xuất trên mọi thiết bị
shell-sign-out-everywhere-hint = Kết thúc các phiên đăng nhập của bạn trên mọi thiết bị, kể cả thiết bị này.

## Các khu vực (trang tạm cho đến khi hoàn thiện)
console-title = Bảng điều khiển nhân viên xác minh
console-placeholder = Hàng chờ, các cuộc gọi và kết quả kiểm tra của bạn sẽ hiển thị tại đây.
review-title = Xét duyệt
review-placeholder = Các cuộc gọi đã kết thúc đang chờ xét duyệt sẽ hiển thị tại đây.
forbidden-title = Không có quyền truy cập
forbidden-body = Tài khoản của bạn không có quyền truy cập trang này.
not-found-title = Không tìm thấy trang
not-found-body = Địa chỉ này không khớp với trang nào.
no-roles-title = Chưa được phân vai trò
no-roles-body = Tài khoản của bạn chưa có vai trò nào. Vui lòng liên hệ quản trị viên để được phân vai trò.
back-home = Về trang bắt đầu của bạn

## Hộp thoại xác nhận danh tính trước thao tác nhạy cảm
reauth-title = Xác nhận danh tính
reauth-body = Nhập mã 6 chữ số hiện tại từ ứng dụng xác thực để tiếp tục.
reauth-code = Mã xác thực
reauth-confirm = Xác nhận
reauth-confirming = Đang kiểm tra…
reauth-cancel = Hủy

## Quản trị, Tài khoản của tôi và kích hoạt (mã admin-, account-, activate-; một khối)
nav-keys = Khóa API
nav-audit = Nhật ký kiểm toán
nav-account = Tài khoản của tôi
account-menu-link = Tài khoản của tôi
admin-retry = Thử lại
admin-cancel = Hủy
admin-save = Lưu thay đổi
admin-saved = Đã lưu thay đổi.
admin-copy = Sao chép
admin-copied = Đã sao chép vào bộ nhớ tạm.
admin-copy-failed = Trình duyệt không cho phép sao chép. Hãy chọn văn bản và tự sao chép.
admin-never = Chưa bao giờ
admin-not-yet = Chưa
admin-actor-staff = nhân viên
admin-actor-key = khóa API
admin-actor-customer = Khách hàng
admin-actor-anonymous = Chưa đăng nhập
admin-actor-system = Hệ thống
admin-actor-cli = Dòng lệnh
admin-role-agent-desc = Thực hiện cuộc gọi video và quyết định các hồ sơ xác minh được giao.
admin-role-supervisor-desc = Xem mọi phiên, phát bản ghi và rà soát quyết định.
admin-role-admin-desc = Quản lý tài khoản nhân viên, khóa API, lịch trực và hồ sơ; không xem bản ghi.
admin-role-auditor-desc = Đọc mọi thứ, kể cả nhật ký kiểm toán; không thay đổi gì.
admin-state-invited = Đã mời
admin-state-active = Đang hoạt động
admin-state-locked = Bị khóa
admin-state-disabled = Đã vô hiệu hóa
admin-col-name = Họ tên
admin-col-username = Tên đăng nhập
admin-col-roles = Vai trò
admin-col-state = Trạng thái
admin-col-last-sign-in = Đăng nhập gần nhất
admin-col-created = Ngày tạo
admin-col-activated = Ngày kích hoạt
admin-col-invitation = Liên kết kích hoạt
admin-col-locked-until = Khóa đến
admin-col-scopes = Phạm vi
admin-col-expires = Hết hạn
admin-col-last-used = Dùng gần nhất
admin-col-status = Tình trạng
admin-col-actions = Thao tác
admin-col-seq = STT
admin-col-time = Thời gian
admin-col-actor = Ai
admin-col-action = Việc gì
admin-col-target = Đối tượng
admin-col-session = Phiên
admin-col-detail = Chi tiết
admin-staff-title = Nhân viên
admin-staff-intro = Mời nhân viên, giao vai trò và quản lý việc đăng nhập của họ.
admin-staff-intro-readonly = Mọi người có tài khoản nhân viên, vai trò và trạng thái tài khoản của họ.
# $count (number) of accounts listed
admin-staff-caption = { $count } tài khoản nhân viên
admin-staff-invite = Mời nhân viên
admin-staff-back = Tất cả nhân viên
admin-staff-new-title = Mời nhân viên
admin-staff-new-intro = Bạn nhận được một liên kết kích hoạt dùng một lần để trao cho người đó. Họ tự chọn mật khẩu và thiết lập ứng dụng xác thực; bạn không bao giờ thấy những thông tin này.
admin-staff-id = Tên đăng nhập
admin-staff-id-hint = Chữ thường, chữ số, dấu chấm, gạch ngang và gạch dưới, ví dụ anna.schmidt. Không thể đổi sau này.
admin-staff-id-invalid = Dùng 1 đến 64 ký tự gồm chữ thường, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.
admin-staff-name = Họ và tên
admin-staff-name-missing = Nhập tên của người đó.
admin-staff-roles = Vai trò
admin-staff-roles-missing = Chọn ít nhất một vai trò.
admin-staff-invite-submit = Tạo tài khoản và nhận liên kết
admin-staff-inviting = Đang tạo…
admin-staff-not-found-title = Không có tài khoản này
admin-staff-not-found-body = Tài khoản này không tồn tại hoặc đã được đổi tên.
# $name is the person’s display name
admin-invitation-title = Liên kết kích hoạt cho { $name }
admin-invitation-body = Hãy trao liên kết này cho người đó qua kênh tin cậy (trực tiếp hoặc ứng dụng nhắn tin của công ty). Bất kỳ ai mở liên kết đều có thể thiết lập tài khoản này.
admin-invitation-link = Liên kết kích hoạt
# $time (date) when the link stops working
admin-invitation-expires = Liên kết chỉ dùng được một lần, đến { $time }.
admin-invitation-once = Liên kết chỉ hiển thị lúc này. Nếu bị mất, hãy tạo liên kết mới: liên kết cũ sẽ ngừng hoạt động.
# $time (date) when the pending link expires
admin-invitation-pending = Đang chờ kích hoạt đến { $time }
admin-edit-title = Tên và vai trò
admin-own-admin-role = Bạn không thể tự gỡ vai trò quản trị viên của mình; quản trị viên khác có thể làm việc này.
admin-access-title = Đăng nhập và quyền truy cập
admin-unlock = Mở khóa
admin-unlock-hint = Tài khoản bị khóa sau nhiều lần đăng nhập thất bại. Hãy mở khóa sau khi đã xác nhận với người đó.
admin-unlock-done = Tài khoản đã được mở khóa.
admin-reset = Đặt lại đăng nhập
admin-reset-hint = Khi mất điện thoại hoặc quên mật khẩu: mật khẩu, ứng dụng xác thực và mã khôi phục ngừng hoạt động ngay, và bạn nhận được liên kết kích hoạt mới.
admin-reset-done = Đã đặt lại đăng nhập. Hãy trao cho người đó liên kết kích hoạt mới bên dưới.
admin-new-link = Liên kết kích hoạt mới
admin-new-link-hint = Liên kết trước đó sẽ ngừng hoạt động.
admin-new-link-done = Đã tạo liên kết kích hoạt mới; liên kết trước không còn hoạt động.
admin-disable = Vô hiệu hóa tài khoản
admin-disable-hint = Người đó bị đăng xuất khỏi mọi nơi và không thể đăng nhập cho đến khi tài khoản được bật lại.
admin-disable-done = Tài khoản đã bị vô hiệu hóa.
admin-enable = Bật lại tài khoản
admin-enable-hint = Người đó có thể đăng nhập lại bằng mật khẩu và ứng dụng xác thực.
admin-enable-done = Tài khoản đã được bật lại.
admin-self-hint = Đây là tài khoản của bạn: bạn không thể vô hiệu hóa hay đặt lại đăng nhập của nó. Hãy đổi mật khẩu trong Tài khoản của tôi.
# $name is the person’s display name
admin-confirm-disable-title = Vô hiệu hóa { $name }?
admin-confirm-disable-body = Các phiên của họ kết thúc ngay, kể cả cuộc gọi đang diễn ra.
admin-confirm-disable = Vô hiệu hóa
# $name is the person’s display name
admin-confirm-enable-title = Bật lại { $name }?
admin-confirm-enable-body = Họ có thể đăng nhập lại.
admin-confirm-enable = Bật lại
# $name is the person’s display name
admin-confirm-reset-title = Đặt lại đăng nhập của { $name }?
admin-confirm-reset-body = Mật khẩu, ứng dụng xác thực và mã khôi phục của họ ngừng hoạt động ngay và các phiên kết thúc. Họ thiết lập đăng nhập mới bằng liên kết bạn nhận được.
admin-confirm-reset = Đặt lại đăng nhập
admin-keys-title = Khóa API cho bên tích hợp
admin-keys-intro = Khóa cho phép hệ thống của ngân hàng tạo phiên và đọc kết quả. Mỗi khóa chỉ làm được những gì phạm vi của nó cho phép.
admin-keys-none = Chưa có khóa API nào.
admin-keys-back = Tất cả khóa API
admin-key-create = Tạo khóa API
admin-key-new-title = Tạo khóa API
admin-key-new-intro = Đặt cho khóa một tên cho biết hệ thống nào dùng nó, và chỉ cấp những phạm vi cần thiết.
admin-key-name = Tên
admin-key-name-hint = Ví dụ: ngân hàng lõi, môi trường thật.
admin-key-name-missing = Nhập tên cho khóa.
admin-key-scopes = Phạm vi
admin-key-scopes-missing = Chọn ít nhất một phạm vi.
admin-key-lifetime = Hiệu lực
# $days (number) of days
admin-key-days = { $days } ngày
admin-key-create-submit = Tạo khóa
admin-key-creating = Đang tạo…
admin-scope-sessions-read-desc = Đọc phiên: trạng thái của phiên và của các liên kết.
admin-scope-sessions-write-desc = Tạo phiên, cấp và thu hồi liên kết khách hàng, tải ảnh đối chiếu, kết thúc phiên.
admin-scope-results-read-desc = Đọc kết quả: quyết định, sự kiện phân tích khuôn mặt và trạng thái bản ghi.
admin-scope-roster-read-desc = Đọc lịch trực: nhân viên, ca làm và kỹ năng.
admin-scope-roster-write-desc = Thay đổi lịch trực: ca làm, kỹ năng và ngày nghỉ của nhân viên.
# $name is the key’s name
admin-key-created-title = Đã tạo khóa “{ $name }”
admin-key-secret-warning = Hãy sao chép khóa ngay và cất vào kho bí mật của hệ thống. Khóa chỉ hiển thị một lần này; không ai có thể hiển thị lại.
admin-key-secret = Khóa API
admin-key-secret-usage = Hệ thống gửi khóa dưới dạng “Authorization: Bearer <khóa>”.
# $time (date) when the key expires
admin-key-expires = Khóa có hiệu lực đến { $time }.
admin-key-done = Tôi đã cất khóa
admin-key-status-active = Đang hoạt động
admin-key-status-expired = Đã hết hạn
admin-key-status-revoked = Đã thu hồi
admin-key-revoke = Thu hồi
# $name is the key’s name
admin-key-revoke-named = Thu hồi { $name }
# $name is the key’s name
admin-key-revoke-title = Thu hồi “{ $name }”?
admin-key-revoke-body = Mọi yêu cầu dùng khóa này sẽ bị từ chối từ bây giờ. Không thể hoàn tác; hệ thống sẽ cần khóa mới.
# $name is the key’s name
admin-key-revoked = Đã thu hồi “{ $name }”.
admin-audit-title = Nhật ký kiểm toán
admin-audit-intro = Mọi lần đăng nhập, mọi lần đọc dữ liệu cá nhân và mọi thay đổi, mới nhất trước. Mỗi mục được nối chuỗi với mục trước, nên mục bị sửa hoặc bị xóa sẽ lộ ra.
admin-audit-filters = Bộ lọc
admin-audit-actor = Ai
admin-audit-actor-hint = Ví dụ staff:anna.schmidt hoặc key:0123456789abcdef.
admin-audit-action = Việc gì
admin-audit-any-action = Mọi hành động
admin-audit-session = Phiên
admin-audit-from = Từ
admin-audit-to = Đến
admin-audit-apply = Áp dụng bộ lọc
admin-audit-clear = Xóa lọc
admin-audit-none = Không có mục nào khớp bộ lọc.
# $count (number) of entries shown
admin-audit-shown = Đang hiển thị { $count } mục
admin-audit-pages = Các trang của nhật ký kiểm toán
admin-audit-newest = Mục mới nhất
admin-audit-older = Mục cũ hơn
admin-chain-title = Tính toàn vẹn của nhật ký
admin-chain-hint = Kiểm tra từng mục với mã băm của nó và mục trước đó, giống “signaling audit verify”.
admin-chain-verify = Kiểm tra chuỗi
admin-chain-checking = Đang kiểm tra…
# $rows (number) of entries checked
admin-chain-intact = Nhật ký nguyên vẹn: cả { $rows } mục đều hợp lệ.
# $row (number) the first changed entry, $rows (number) entries intact before it
admin-chain-altered = Nhật ký đã bị can thiệp: mục { $row } đã bị sửa sau khi ghi. Các mục 1 đến { $rows } còn nguyên vẹn.
# $row (number) the first missing entry, $rows (number) entries intact before it
admin-chain-missing = Nhật ký đã bị can thiệp: thiếu các mục từ số { $row }. Các mục 1 đến { $rows } còn nguyên vẹn.
admin-audit-action-login-succeeded = Đăng nhập
admin-audit-action-login-failed = Đăng nhập thất bại
admin-audit-action-account-locked = Tài khoản bị khóa
admin-audit-action-logout = Đăng xuất
admin-audit-action-logout-everywhere = Đăng xuất khỏi mọi nơi
admin-audit-action-reauth-succeeded = Đã xác nhận danh tính
admin-audit-action-reauth-failed = Xác nhận danh tính thất bại
admin-audit-action-staff-created = Tạo tài khoản nhân viên
admin-audit-action-staff-updated = Thay đổi tài khoản nhân viên
admin-audit-action-totp-reset = Đặt lại ứng dụng xác thực
admin-audit-action-invitation-issued = Tạo liên kết kích hoạt
admin-audit-action-sign-in-reset = Đặt lại đăng nhập
admin-audit-action-activation-opened = Mở liên kết kích hoạt
admin-audit-action-activation-refused = Từ chối kích hoạt
admin-audit-action-staff-activated = Kích hoạt tài khoản
admin-audit-action-password-changed = Đổi mật khẩu
admin-audit-action-password-change-failed = Đổi mật khẩu thất bại
admin-audit-action-recovery-codes-regenerated = Tạo mã khôi phục mới
admin-audit-action-sign-in-ended = Kết thúc phiên từ Tài khoản của tôi
admin-audit-action-audit-verified = Kiểm tra chuỗi nhật ký
admin-audit-action-api-key-created = Tạo khóa API
admin-audit-action-api-key-revoked = Thu hồi khóa API
admin-audit-action-roster-changed = Thay đổi lịch trực
admin-audit-action-session-created = Tạo phiên
admin-audit-action-link-issued = Cấp liên kết khách hàng
admin-audit-action-link-revoked = Thu hồi liên kết khách hàng
admin-audit-action-joined = Vào cuộc gọi
admin-audit-action-left = Rời cuộc gọi
admin-audit-action-session-ended = Kết thúc phiên
admin-audit-action-appointment-booked = Đặt lịch hẹn
admin-audit-action-challenge-started = Bắt đầu kiểm tra người thật
admin-audit-action-session-read = Xem phiên
admin-audit-action-reference-photo-written = Tải ảnh đối chiếu
admin-audit-action-ai-events-read = Xem kết quả phân tích khuôn mặt
admin-audit-action-recording-read = Xem thông tin bản ghi
admin-audit-action-playback-issued = Cho phép phát bản ghi
admin-audit-action-recording-file-served = Phát tệp bản ghi
admin-audit-action-audit-read = Xem nhật ký kiểm toán
admin-audit-action-consent-recorded = Ghi nhận đồng ý
admin-audit-action-still-captured = Chụp ảnh tĩnh
admin-audit-action-still-read = Xem ảnh tĩnh
admin-audit-action-evidence-read = Xem bằng chứng
admin-audit-action-prompt-shown = Hiển thị hướng dẫn cho khách hàng
admin-audit-action-read-aloud-started = Bắt đầu đọc to
admin-audit-action-read-aloud-judged = Đánh giá phần đọc to
admin-audit-action-check-confirmed = Xác nhận mục kiểm tra
admin-audit-action-decision-recorded = Ghi nhận quyết định
account-title = Tài khoản của tôi
account-password-title = Đổi mật khẩu
account-password-current = Mật khẩu hiện tại
account-password-new = Mật khẩu mới
account-password-confirm = Nhập lại mật khẩu mới
account-password-rules = Ít nhất 12 ký tự. Không phải mật khẩu phổ biến và không phải tên đăng nhập của bạn. Vài từ không liên quan đến nhau là lựa chọn tốt.
account-password-missing = Nhập mật khẩu hiện tại của bạn.
account-password-mismatch = Hai mật khẩu không giống nhau.
account-password-submit = Đổi mật khẩu
account-password-changed = Đã đổi mật khẩu. Các phiên khác của bạn đã bị đăng xuất.
account-recovery-title = Mã khôi phục
# $count (number) of unused codes
account-recovery-left = Còn { $count } mã khôi phục chưa dùng.
account-recovery-hint = Mỗi mã cho phép đăng nhập một lần mà không cần điện thoại. Mã mới thay thế toàn bộ mã cũ; trước tiên bạn cần xác nhận danh tính.
account-recovery-new = Tạo mã khôi phục mới
account-codes-title = Mã khôi phục của bạn
account-codes-body = Hãy cất giữ chúng ở nơi an toàn, tách khỏi điện thoại: in ra và cất trong ngăn kéo có khóa, hoặc lưu trong trình quản lý mật khẩu.
account-codes-once = Các mã chỉ hiển thị lúc này.
account-codes-download = Tải xuống tệp văn bản
account-codes-print = In
# $username is the sign-in name
account-codes-file-title = Mã khôi phục của { $username } (xác minh video, nhân viên). Mỗi mã dùng được một lần.
account-sign-ins-title = Nơi bạn đang đăng nhập
account-sign-ins-hint = Đăng xuất thiết bị bạn không nhận ra, sau đó đổi mật khẩu.
account-this-device = Thiết bị này
# $time (date) signed in, $seen (date) last active
account-signed-in-at = Đăng nhập { $time } · hoạt động gần nhất { $seen }
# $browser and $os as detected, e.g. Chrome on Linux
account-device = { $browser } trên { $os }
account-device-unknown = Thiết bị không xác định
account-end-sign-in = Đăng xuất
# $device, e.g. Chrome on Linux
account-end-sign-in-named = Đăng xuất { $device }
# $name is the person’s display name
activate-title = Chào mừng, { $name }
# $username is the sign-in name, $time (date) when the link expires
activate-intro = Thiết lập đăng nhập cho tài khoản nhân viên { $username }. Liên kết này có hiệu lực đến { $time }.
activate-step-password = Chọn mật khẩu
activate-password = Mật khẩu
activate-step-authenticator = Thiết lập ứng dụng xác thực
activate-scan = Quét mã QR này bằng ứng dụng xác thực trên điện thoại (ví dụ FreeOTP, Aegis hoặc Google Authenticator).
activate-qr-alt = Mã QR cho ứng dụng xác thực của bạn
activate-manual = Không quét được? Chọn “nhập khóa” trong ứng dụng và gõ khóa này:
activate-manual-key = Khóa:
activate-manual-details = Loại: theo thời gian, 6 chữ số, mỗi 30 giây.
activate-step-confirm = Xác nhận hoạt động
activate-code-hint = Mã 6 chữ số ứng dụng đang hiển thị cho “Video identification”.
activate-submit = Kích hoạt tài khoản
activate-submitting = Đang kích hoạt…
activate-done-title = Tài khoản của bạn đã sẵn sàng
# $username is the sign-in name
activate-done-body = Đăng nhập bằng { $username } với mật khẩu và mã từ ứng dụng của bạn.
activate-codes-saved = Tôi đã lưu mã khôi phục
activate-go-sign-in = Đến trang đăng nhập
activate-refused-title = Không thể dùng liên kết này
activate-refused-help = Hãy xin quản trị viên một liên kết kích hoạt mới.
error-staff_exists = Đã có tài khoản với tên đăng nhập này.
error-invalid_staff_id = Dùng 1 đến 64 ký tự gồm chữ thường, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.
error-staff_needs_role = Chọn ít nhất một vai trò.
error-invalid_display_name = Nhập tên dài từ 1 đến 100 ký tự.
error-staff_not_found = Tài khoản nhân viên này không tồn tại.
error-cannot_remove_own_admin_role = Bạn không thể tự gỡ vai trò quản trị viên của mình. Quản trị viên khác có thể làm việc này.
error-cannot_disable_self = Bạn không thể tự vô hiệu hóa tài khoản của mình. Quản trị viên khác có thể làm việc này.
error-cannot_reset_own_sign_in = Bạn không thể tự đặt lại đăng nhập. Hãy đổi mật khẩu trong Tài khoản của tôi.
error-password_too_short = Mật khẩu cần ít nhất 12 ký tự.
error-password_too_long = Mật khẩu được dài tối đa 128 ký tự.
error-password_too_common = Mật khẩu này quá phổ biến hoặc quá giống tên đăng nhập. Hãy chọn mật khẩu khác.
error-password_unchanged = Mật khẩu mới giống mật khẩu hiện tại.
error-wrong_password = Mật khẩu hiện tại không đúng.
error-activation_link_invalid = Liên kết kích hoạt không hợp lệ. Hãy kiểm tra bạn đã sao chép đầy đủ.
error-activation_link_expired = Liên kết kích hoạt đã hết hạn.
error-activation_link_used = Liên kết kích hoạt đã được dùng. Nếu bạn đã thiết lập tài khoản, hãy đăng nhập.
error-activation_link_replaced = Một liên kết kích hoạt mới hơn đã được tạo cho tài khoản của bạn; liên kết này không còn hoạt động.
error-invalid_key_name = Nhập tên dài từ 1 đến 100 ký tự.
error-key_needs_scope = Chọn ít nhất một phạm vi.
error-invalid_key_lifetime = Khóa có hiệu lực từ 1 đến 730 ngày.
error-api_key_not_found = Khóa API này không tồn tại.
error-invalid_query = Bộ lọc không hợp lệ. Hãy kiểm tra ngày giờ và thử lại.
error-sign_in_not_found = Phiên đó đã kết thúc.
error-reauth_cancelled = Đã hủy: hành động này cần bạn xác nhận danh tính.
