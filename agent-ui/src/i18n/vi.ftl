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
nav-admin = Quản trị
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
admin-title = Quản trị tài khoản nhân viên
admin-placeholder = Tài khoản nhân viên và vai trò của họ sẽ được quản lý tại đây.
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

## Xét duyệt: kho lưu trữ (giám sát viên và kiểm toán viên)
archive-intro = Mọi phiên định danh đã ghi hình, mới nhất trước. Lọc, rồi mở một phiên để xem lại, kiểm tra các sự kiện và xét duyệt quyết định.
archive-filters = Lọc kho lưu trữ
archive-from = Từ ngày
archive-to = Đến ngày
archive-agent = Nhân viên
archive-outcome = Quyết định
archive-review = Xét duyệt lần hai
archive-any = Tất cả
archive-flags = Chỉ các phiên có
archive-search = Tìm kiếm
archive-clear = Xóa bộ lọc
# $count rows shown, $more is "yes" when further pages exist
archive-count = { $more ->
        [yes] Đang hiển thị { $count } phiên, còn thêm
       *[no] { $count ->
            [0] Không có phiên nào
           *[other] { $count } phiên
        }
    }
archive-caption = Các phiên định danh khớp với bộ lọc
archive-col-created = Bắt đầu
archive-col-customer = Khách hàng
archive-col-agent = Nhân viên
archive-col-profile = Hồ sơ quy định
archive-col-outcome = Quyết định
archive-col-review = Xét duyệt
archive-col-flags = Cảnh báo
archive-no-name = chưa có
archive-empty = Không có phiên định danh nào khớp với bộ lọc này.
archive-more = Xem thêm
outcome-approved = Chấp thuận
outcome-rejected = Từ chối
outcome-inconclusive = Chưa kết luận
outcome-none = Chưa quyết định
review-state-pending = Đang chờ xét duyệt
review-state-confirmed = Đã xác nhận
review-state-overturned = Đã đảo ngược
review-state-none = Không cần xét duyệt
flag-face_no_match = Khuôn mặt không khớp
flag-liveness_fail = Kiểm tra người thật thất bại
flag-challenge_failed = Cử động đầu thất bại
flag-recording_unhealthy = Bản ghi không đầy đủ
flag-reconnects = Kết nối lại
# $count reconnections during the call
flag-reconnects-count = { $count } lần kết nối lại
flags-none = Không có
legal-hold-badge = Lưu giữ pháp lý

## Xét duyệt: một phiên
session-back = Quay lại kho lưu trữ
# $created is when the session started
session-title = Phiên định danh lúc { $created }
# $id is the start of the session's id (shown when the session could not be loaded)
session-title-id = Phiên { $id }
# $profile is the regulatory profile's id
session-meta = Hồ sơ { $profile }
session-side = Quyết định, bằng chứng và lưu giữ
player-title = Bản ghi
player-recording-live = Cuộc gọi vẫn đang được ghi. Có thể xem lại sau khi kết thúc.
player-recording-none = Phiên này không có bản ghi.
player-not-allowed = Kiểm toán viên không phát bản ghi. Bạn vẫn xem được các sự kiện bên dưới, quyết định và nhật ký truy cập.
# $files recorded files in $segments segments
player-gate-intro = { $files } tệp đã ghi ({ $segments } đoạn). Việc phát được ghi nhật ký và cần mã xác thực của bạn.
player-load = Phát bản ghi
player-play = Phát
player-pause = Tạm dừng
player-position = Vị trí
# $position and $total as m:ss
player-position-text = { $position } / { $total }
player-buffering = Đang tải…
player-not-recording-now = Không có bản ghi tại thời điểm này
player-no-video = Không có video được ghi
party-customer = Khách hàng
party-agent = Nhân viên
track-title = Diễn biến
track-hint = Chọn một sự kiện để chuyển bản ghi đến đó.
track-hint-no-player = Chọn một sự kiện để xem nội dung.
track-empty = Không có sự kiện nào được ghi trong cuộc gọi.
# $count events in total
track-all-events = Tất cả sự kiện ({ $count })
track-col-time = Thời điểm
track-col-lane = Loại
track-col-event = Sự kiện
# $count face-match measurements
track-distance-label = Khoảng cách so khớp khuôn mặt trong cuộc gọi ({ $count } lần đo); càng thấp càng giống
tl-lane-challenge = Cử động đầu
tl-lane-face = So khớp khuôn mặt
tl-lane-liveness = Người thật
tl-lane-injection = Dấu hiệu giả mạo luồng
tl-lane-quality = Chất lượng
tl-lane-stills = Ảnh chụp
tl-lane-call = Cuộc gọi và nhân viên
tl-step-centre = Nhìn thẳng
tl-step-left = Quay sang trái
tl-step-right = Quay sang phải
tl-step-up = Nhìn lên
tl-step-down = Nhìn xuống
tl-step-other = Cử động
# $step is the translated step name
tl-challenge-step-passed = { $step }: đạt
# $step is the translated step name, $reason the analysis' reason code
tl-challenge-step-failed = { $step }: không đạt ({ $reason })
tl-challenge-passed = Kiểm tra cử động đầu đạt
tl-challenge-failed = Kiểm tra cử động đầu không đạt
# $steps number of steps asked for
tl-challenge-started = Bắt đầu kiểm tra cử động đầu ({ $steps } bước)
# $distance is the face-match distance (0 = identical)
tl-face-match = So khớp khuôn mặt: khớp (khoảng cách { $distance })
tl-face-no_match = So khớp khuôn mặt: không khớp (khoảng cách { $distance })
tl-face-inconclusive = So khớp khuôn mặt: chưa kết luận (khoảng cách { $distance })
tl-face-not_enough_frames = So khớp khuôn mặt: chưa đủ khung hình (khoảng cách { $distance })
tl-face-other = So khớp khuôn mặt (khoảng cách { $distance })
# $score is the mean probability of a real face
tl-liveness-live = Người thật: đúng người thật (điểm { $score })
tl-liveness-attack = Người thật: nghi giả mạo trình diện (điểm { $score })
tl-liveness-not_enough_frames = Người thật: chưa đủ khung hình (điểm { $score })
tl-liveness-other = Người thật (điểm { $score })
tl-hint-looped_clip = Dấu hiệu giả mạo: video lặp lại
tl-hint-still_image = Dấu hiệu giả mạo: ảnh tĩnh thay cho camera
tl-hint-regular_timing = Dấu hiệu giả mạo: nhịp khung hình đều bất thường
tl-hint-source_switch = Dấu hiệu giả mạo: nguồn video thay đổi
tl-hint-other = Dấu hiệu giả mạo
tl-reference = Đã phân tích ảnh chân dung trên giấy tờ
tl-reference-no-face = Ảnh chân dung trên giấy tờ: không tìm thấy khuôn mặt
# $flags is a list of quality problems
tl-quality-warning = Chất lượng hình ảnh: { $flags }
tl-quality-ok = Chất lượng hình ảnh đã tốt trở lại
tl-quality-no_face = không có khuôn mặt
tl-quality-multiple_faces = nhiều khuôn mặt
tl-quality-face_too_small = khuôn mặt quá nhỏ
tl-quality-too_dark = quá tối
tl-quality-too_bright = quá sáng
tl-quality-blurred = bị mờ
tl-quality-other = vấn đề khác
tl-still-face = Ảnh chụp: khuôn mặt
tl-still-id_front = Ảnh chụp: mặt trước giấy tờ
tl-still-id_back = Ảnh chụp: mặt sau giấy tờ
tl-still-other = Ảnh chụp
tl-prompt-show_id_front = Yêu cầu đưa mặt trước giấy tờ
tl-prompt-show_id_back = Yêu cầu đưa mặt sau giấy tờ
tl-prompt-tilt_document = Yêu cầu nghiêng giấy tờ
tl-prompt-turn_head = Yêu cầu quay đầu
tl-prompt-read_digits = Yêu cầu đọc to các chữ số
tl-prompt-move_to_light = Yêu cầu ra chỗ sáng
tl-prompt-switch_camera = Yêu cầu đổi camera
tl-prompt-other = Đã hiển thị yêu cầu
tl-read-aloud-passed = Đọc to: đạt
tl-read-aloud-failed = Đọc to: không đạt
tl-read-aloud-open = Bắt đầu đọc to
# $item is the checklist item's id
tl-check = Đã đánh dấu: { $item }
tl-action-joined = Tham gia cuộc gọi
tl-action-left = Rời cuộc gọi
tl-action-session_ended = Phiên đã kết thúc
tl-action-challenge_started = Nhân viên bắt đầu kiểm tra cử động đầu
tl-action-prompt_shown = Nhân viên hiển thị một yêu cầu
tl-action-read_aloud_started = Nhân viên bắt đầu phần đọc to
tl-action-read_aloud_judged = Nhân viên đánh giá phần đọc to
tl-action-decision_recorded = Đã ghi nhận quyết định
tl-action-decision_reviewed = Quyết định đã được xét duyệt
tl-action-result_final = Kết quả chính thức
tl-action-playback_issued = Bản ghi được mở để phát
# $action is the audit log's action name
tl-action-other = { $action }
# $seconds without audio or video
tl-recording-gap = Bản ghi bị gián đoạn ({ $seconds } giây)
tl-segment = Tiếp tục ghi sau khi kết nối lại

## Xét duyệt: bốn mắt
four-eyes-title = Quyết định và xét duyệt lần hai
four-eyes-decision = Quyết định của nhân viên
four-eyes-decided-by = Người quyết định
# $who staff id, $at time
four-eyes-by-at = { $who }, { $at }
four-eyes-reason-codes = Mã lý do
four-eyes-note = Ghi chú
four-eyes-override = Lý do bỏ qua cảnh báo
four-eyes-status = Trạng thái
four-eyes-pending = Đang chờ xét duyệt lần hai
four-eyes-final = Chính thức
four-eyes-why = Lý do cần xét duyệt
review-reason-four_eyes = Hồ sơ quy định yêu cầu người thứ hai
review-reason-no_match = Phân tích khuôn mặt báo không khớp
review-reason-override = Được chấp thuận dù có cảnh báo chặn
review-reason-low_quality = Bằng chứng chất lượng thấp (gián đoạn, kết nối lại, cảnh báo)
review-reason-random = Được chọn ngẫu nhiên để lấy mẫu
# $who staff id, $at time
four-eyes-confirmed-by = Được xác nhận bởi { $who }, { $at }
# $who staff id, $at time
four-eyes-overturned-by = Bị đảo ngược bởi { $who }, { $at }
four-eyes-changed = Đã đổi từ
four-eyes-read-only = Bạn có thể xem phần xét duyệt nhưng không thể thực hiện.
four-eyes-own-decision = Bạn là người đưa ra quyết định này, vì vậy một giám sát viên khác phải xét duyệt.
four-eyes-your-review = Xét duyệt của bạn
four-eyes-verdict = Ý kiến của bạn
four-eyes-confirm-option = Xác nhận quyết định của nhân viên
four-eyes-overturn-option = Đảo ngược quyết định
four-eyes-new-outcome = Quyết định mới
four-eyes-choose = Chọn…
four-eyes-reason = Lý do
four-eyes-reason-hint = Bạn đã kiểm tra gì và vì sao đồng ý hay không (ít nhất 10 ký tự). Lý do được lưu cùng quyết định đã ký.
four-eyes-sending = Đang gửi…
four-eyes-submit-confirm = Xác nhận quyết định
four-eyes-submit-overturn = Đảo ngược quyết định
four-eyes-verdict-missing = Hãy chọn xác nhận hay đảo ngược quyết định.
four-eyes-no-decision = Phiên này chưa có quyết định.
error-outcome_required = Hãy chọn quyết định thay cho quyết định của nhân viên.
error-reason_code_required = Hãy chọn ít nhất một mã lý do cho quyết định này.
error-reason_required = Hãy nhập lý do dài ít nhất 10 ký tự.
error-not_pending_review = Quyết định này không còn chờ xét duyệt. Hãy tải lại trang để xem trạng thái hiện tại.
error-decision_not_found = Phiên này chưa có quyết định.
error-confirm_takes_no_outcome = Xác nhận sẽ giữ nguyên quyết định của nhân viên; hãy chọn “Đảo ngược” để thay đổi.
error-unknown_reason = Một mã lý do không thuộc hồ sơ quy định của phiên này.
error-reauth_cancelled = Đã hủy. Thao tác này cần mã xác thực của bạn.
error-recording_not_found = Không tìm thấy bản ghi của phiên này.
error-session_not_found = Phiên này không tồn tại hoặc đã bị xóa.
error-no_legal_hold = Phiên này không bị lưu giữ pháp lý.
error-data_erased = Dữ liệu của phiên này đã bị xóa.
error-invalid_query = Không dùng được bộ lọc. Hãy kiểm tra ngày rồi thử lại.

## Xét duyệt: bằng chứng, lưu giữ, nhật ký truy cập
export-title = Báo cáo và bằng chứng
report-label = Báo cáo tuân thủ:
report-html = trang web
report-pdf = PDF
export-intro = Mọi tệp của phiên này kèm chữ ký, khóa công khai và hướng dẫn kiểm tra ngoại tuyến. Việc xuất được ghi nhật ký và cần mã xác thực của bạn.
export-button = Xuất gói bằng chứng
export-busy = Đang chuẩn bị gói…
export-not-allowed = Chỉ giám sát viên được xuất bằng chứng.
# $file name, $megabytes size
export-done = Đã lưu { $file } ({ $megabytes } MB).
hold-title = Thời hạn lưu trữ và lưu giữ pháp lý
hold-on = Đang lưu giữ pháp lý: sẽ không bị xóa
hold-off = Không lưu giữ pháp lý
hold-unknown = Không rõ trạng thái lưu giữ pháp lý
hold-intro = Phiên sẽ bị xóa khi hết thời hạn lưu trữ của hồ sơ quy định, trừ khi đang lưu giữ pháp lý.
hold-reason = Lý do lưu giữ (số hồ sơ hoặc yêu cầu)
hold-release = Gỡ lưu giữ pháp lý
hold-set = Đặt lưu giữ pháp lý
access-title = Nhật ký truy cập
access-empty = Chưa ai mở dữ liệu của phiên này.
access-col-when = Thời điểm
access-col-who = Người
access-col-what = Thao tác
access-action-session_read = Xem phiên
access-action-ai_events_read = Đọc sự kiện phân tích khuôn mặt
access-action-recording_read = Đọc thông tin bản ghi
access-action-playback_issued = Mở bản ghi để phát
access-action-recording_file_served = Phát một tệp bản ghi
access-action-still_read = Xem một ảnh chụp
access-action-evidence_read = Đọc bằng chứng
access-action-archive_read = Liệt kê kho lưu trữ
access-action-timeline_read = Xem diễn biến
access-action-report_read = Đọc báo cáo tuân thủ
access-action-evidence_exported = Xuất gói bằng chứng
